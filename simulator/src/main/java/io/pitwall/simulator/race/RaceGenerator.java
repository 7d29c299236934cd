package io.pitwall.simulator.race;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LineKind;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a seeded session: an entry list, every car's physical line crossings (lap-time spread per class
 * and car, sectors, pit stops, a safety-car period, an early retirement), what the decoders made of them
 * (missed reads, double reads, a second transponder, an unknown transponder, a decoder restart) and the
 * ground truth a timer must arrive at.
 *
 * <p>Cars do not interact (no overtaking model): each car's laps are drawn independently around its own pace.
 * That is enough for timing — what matters is the crossings and what hardware does to them.
 */
public final class RaceGenerator {

    private static final long SECOND = 1_000_000L;
    private static final String[] CLASSES = {"LMP2", "LMP3", "GT3"};
    private static final long[] CLASS_PACE = {92 * SECOND, 100 * SECOND, 108 * SECOND};
    private static final String[] DRIVERS = {"HANSON, Phil", "DELETRAZ, Louis", "GAMBLE, Tom", "KUBICA, Robert",
        "FLOERSCH, Sophia", "ROJAS, Memo", "BELL, Matthew", "KAPADIA, Alex", "PEREL, David", "GUNN, Ross",
        "FREY, Rahel", "GERBI, Julien", "MILESI, Charles", "COIGNY, Alexandre", "JAMIN, Nicolas", "YE, Yifei"};

    private RaceGenerator() {
    }

    public static RaceTimeline generate(RaceScenario scenario) {
        return new Generation(scenario).run();
    }

    private static final class Generation {
        private final RaceScenario scenario;
        private final SplittableRandom random;
        private final long start;
        private final double[] sectorFractions;
        private final List<GeneratedCar> cars = new ArrayList<>();
        private final List<SessionControl> controls = new ArrayList<>();
        private long safetyCarFrom = Long.MAX_VALUE;
        private long safetyCarUntil = Long.MAX_VALUE;
        private String retiringCar;
        private int retirementLap;

        Generation(RaceScenario scenario) {
            this.scenario = scenario;
            this.random = new SplittableRandom(scenario.seed());
            this.start = micros(scenario.start());
            this.sectorFractions = sectorFractions(scenario.sectorCount());
        }

        RaceTimeline run() {
            buildField();
            long fastest = cars.stream().mapToLong(GeneratedCar::baseLapMicros).min().orElseThrow();
            long slowest = cars.stream().mapToLong(GeneratedCar::baseLapMicros).max().orElseThrow();
            SessionConfig config = sessionConfig(fastest, slowest);
            controls.add(control(ControlAction.START, start, null, null, "Session started"));
            if (scenario.safetyCar() && scenario.sessionType() == SessionType.RACE) {
                safetyCarFrom = start + (long) (3.3 * fastest);
                safetyCarUntil = safetyCarFrom + (long) (2.5 * fastest);
                controls.add(control(ControlAction.FLAG, safetyCarFrom, Flag.SC, null, "Safety car deployed"));
                controls.add(control(ControlAction.FLAG, safetyCarUntil, Flag.GREEN, null, "Track clear"));
            }
            if (scenario.retirement() && cars.size() > 2) {
                retiringCar = cars.get(1 + random.nextInt(cars.size() - 1)).carNumber();
                retirementLap = 2 + random.nextInt(3);
            }
            Map<String, List<TrackCrossing>> byCar = new HashMap<>();
            for (GeneratedCar car : cars) {
                byCar.put(car.carNumber(), drive(car, cars.indexOf(car)));
            }
            long chequered = trueChequered(byCar);
            List<TrackCrossing> crossings = new ArrayList<>();
            for (GeneratedCar car : cars) {
                crossings.addAll(endOfSession(car, byCar.get(car.carNumber()), chequered));
            }
            crossings.sort(Comparator.comparingLong(TrackCrossing::timeMicros).thenComparing(TrackCrossing::carNumber));
            if (retiringCar != null) {
                long lastSeen = crossings.stream().filter(c -> c.carNumber().equals(retiringCar))
                        .mapToLong(TrackCrossing::timeMicros).max().orElse(start);
                controls.add(control(ControlAction.RETIREMENT, lastSeen + 60 * SECOND, null, retiringCar,
                        "Car " + retiringCar + " retired"));
            }
            List<DetectorRead> reads = new DetectorModel(scenario, random, cars, start).read(crossings);
            GroundTruth truth = ReferenceTimer.compute(config, controls, reads);
            return new RaceTimeline(scenario, config, controls, cars, crossings, reads, truth);
        }

        private void buildField() {
            Set<String> numbers = new LinkedHashSet<>();
            while (numbers.size() < scenario.cars()) {
                numbers.add(Integer.toString(1 + random.nextInt(99)));
            }
            int index = 0;
            int dualCar = scenario.dualTransponderCar() ? 0 : -1;
            int unknownCar = scenario.unknownTransponder() ? scenario.cars() - 1 : -1;
            for (String number : numbers) {
                int classIndex = index % scenario.classes();
                long pace = CLASS_PACE[classIndex] + (long) (random.nextDouble(-1.5, 1.5) * SECOND);
                List<String> transponders = new ArrayList<>();
                transponders.add(Integer.toString(1_000_000 + scenario.cars() * 10 + index * 7 + random.nextInt(5)));
                if (index == dualCar) {
                    transponders.add(Integer.toString(2_000_000 + index));
                }
                String driver = DRIVERS[(index + (int) Math.floorMod(scenario.seed(), DRIVERS.length)) % DRIVERS.length];
                cars.add(new GeneratedCar(number, CLASSES[classIndex], "Team " + number, driver,
                        classIndex == 0 ? "Oreca 07 - Gibson" : classIndex == 1 ? "Ligier JS P320" : "Porsche 911 GT3 R",
                        transponders, index != unknownCar, pace));
                index++;
            }
        }

        private SessionConfig sessionConfig(long fastest, long slowest) {
            double shortestFraction = sectorFractions[0];
            for (double fraction : sectorFractions) {
                shortestFraction = Math.min(shortestFraction, fraction);
            }
            // well under any real sector, well over any double read (< 1 s)
            long minimumSectorMillis = (long) (0.45 * shortestFraction * fastest / 1000);
            TrackSettings track = TrackSettings.newBuilder()
                    .setMinimumLapTimeEnabled(true)
                    .setMinimumLapTimeMillis((long) (0.6 * fastest / 1000))
                    .setMinimumSector1TimeMillis(scenario.sectorCount() >= 2 ? minimumSectorMillis : 0)
                    .setMinimumSector2TimeMillis(scenario.sectorCount() >= 2 ? minimumSectorMillis : 0)
                    .setMinimumSector3TimeMillis(scenario.sectorCount() >= 3 ? minimumSectorMillis : 0)
                    .setMaximumLapTimeEnabled(true)
                    .setMaximumLapTimeMillis((long) (1.7 * slowest / 1000))
                    .build();
            List<Entry> entries = new ArrayList<>();
            for (GeneratedCar car : cars) {
                if (car.onEntryList()) {
                    entries.add(Entry.newBuilder().setCarNumber(car.carNumber()).setClassName(car.className())
                            .setTeam(car.team()).setDrivers(List.of(car.driver())).setCar(car.car())
                            .setTransponders(car.transponders()).build());
                }
            }
            return SessionConfig.newBuilder()
                    .setVenueId(scenario.venueId())
                    .setSessionId(scenario.sessionId())
                    .setName("Pitwall Generated Series")
                    .setDescription(scenario.sessionType() == SessionType.RACE ? "Race" : "Qualifying")
                    .setType(scenario.sessionType())
                    .setSectorCount(scenario.sectorCount())
                    .setStartLine(0)
                    .setStopRule(StopRule.newBuilder().setKind(scenario.stopKind()).setValue(scenario.stopValue())
                            .setLeaderFinishes(true).build())
                    .setResultsOrderedByTotalTime(false)
                    .setTrackSettings(track)
                    .setEntries(entries)
                    .setUpdatedAt(scenario.start().minusSeconds(600))
                    .build();
        }

        /** All physical crossings of one car, well past the end of the session (cut later). */
        private List<TrackCrossing> drive(GeneratedCar car, int gridSlot) {
            List<TrackCrossing> out = new ArrayList<>();
            boolean race = scenario.sessionType() == SessionType.RACE;
            long horizon = scenario.stopKind() == StopKind.TIME
                    ? start + scenario.stopValue() * SECOND + 4 * car.baseLapMicros()
                    : Long.MAX_VALUE;
            int maxLaps = scenario.stopKind() == StopKind.LAPS ? (int) scenario.stopValue() + 3 : Integer.MAX_VALUE;
            long t;
            if (race) {
                t = start + 2 * SECOND + gridSlot * 450_000L;
            } else {
                long pitExit = start + random.nextLong(5 * SECOND, 120 * SECOND);
                out.add(crossing(car, pitExit, LineKind.PIT_OUT, null));
                t = pitExit + (long) (0.75 * car.baseLapMicros());
            }
            out.add(crossing(car, t, LineKind.FINISH, null));
            long pitExitDelay = 0;
            for (int lap = 1; lap <= maxLaps && t < horizon; lap++) {
                long lapTime = car.baseLapMicros() + (long) (random.nextGaussian() * 0.35 * SECOND);
                if (t >= safetyCarFrom && t < safetyCarUntil) {
                    lapTime = (long) (lapTime * 1.35);
                }
                if (pitExitDelay > 0) {
                    out.add(crossing(car, t + pitExitDelay, LineKind.PIT_OUT, null));
                }
                long lapStart = t + pitExitDelay;
                double position = 0;
                for (int line = 1; line < scenario.sectorCount(); line++) {
                    position += sectorFractions[line - 1];
                    out.add(crossing(car, lapStart + (long) (position * lapTime), LineKind.SECTOR, line));
                }
                long lineTime = lapStart + lapTime;
                boolean lastRacingLap = race && lap >= scenario.stopValue() - 1 && scenario.stopKind() == StopKind.LAPS;
                boolean pits = lap >= 2 && !lastRacingLap && random.nextDouble() < scenario.pitStopRate();
                pitExitDelay = 0;
                if (pits) {
                    out.add(crossing(car, lineTime - 6 * SECOND, LineKind.PIT_IN, null));
                    lineTime += race ? random.nextLong(18 * SECOND, 30 * SECOND) : random.nextLong(60 * SECOND, 150 * SECOND);
                    pitExitDelay = 9 * SECOND;
                }
                out.add(crossing(car, lineTime, LineKind.FINISH, null));
                t = lineTime;
                if (car.carNumber().equals(retiringCar) && lap == retirementLap) {
                    break;
                }
            }
            return out;
        }

        /** When the chequered flag falls in truth (a timer may see it later if the decisive read was missed). */
        private long trueChequered(Map<String, List<TrackCrossing>> byCar) {
            if (scenario.stopKind() == StopKind.LAPS) {
                long first = Long.MAX_VALUE;
                for (List<TrackCrossing> crossings : byCar.values()) {
                    List<Long> finishes = finishes(crossings);
                    if (finishes.size() > scenario.stopValue()) {
                        first = Math.min(first, finishes.get((int) scenario.stopValue()));
                    }
                }
                return first;
            }
            long expiry = start + scenario.stopValue() * SECOND;
            if (scenario.sessionType() != SessionType.RACE) {
                return expiry;
            }
            List<Long> leader = null;
            int leaderLaps = -1;
            long leaderLast = Long.MAX_VALUE;
            for (List<TrackCrossing> crossings : byCar.values()) {
                List<Long> finishes = finishes(crossings);
                int done = (int) finishes.stream().filter(f -> f <= expiry).count() - 1;
                if (done < 0) {
                    continue;
                }
                long last = finishes.get(done);
                if (done > leaderLaps || (done == leaderLaps && last < leaderLast)) {
                    leader = finishes;
                    leaderLaps = done;
                    leaderLast = last;
                }
            }
            return leader == null ? expiry : leader.stream().filter(f -> f >= expiry).findFirst().orElse(expiry);
        }

        /** Cuts a car's crossings after its finish, then adds a cool-down lap into the pits (timers ignore it). */
        private List<TrackCrossing> endOfSession(GeneratedCar car, List<TrackCrossing> crossings, long chequered) {
            List<TrackCrossing> kept = new ArrayList<>();
            for (TrackCrossing crossing : crossings) {
                kept.add(crossing);
                if (crossing.line() == LineKind.FINISH && crossing.timeMicros() >= chequered) {
                    long t = crossing.timeMicros();
                    if (scenario.sectorCount() > 1) {
                        kept.add(crossing(car, t + (long) (sectorFractions[0] * car.baseLapMicros() * 1.3),
                                LineKind.SECTOR, 1));
                    }
                    kept.add(crossing(car, t + (long) (0.9 * car.baseLapMicros() * 1.3), LineKind.PIT_IN, null));
                    break;
                }
            }
            return kept;
        }

        private TrackCrossing crossing(GeneratedCar car, long time, LineKind line, Integer index) {
            boolean read = random.nextDouble() >= scenario.missedReadRate();
            return new TrackCrossing(car.carNumber(), time, line, index, read);
        }

        private SessionControl control(ControlAction action, long atMicros, Flag flag, String carNumber, String message) {
            return SessionControl.newBuilder().setVenueId(scenario.venueId()).setSessionId(scenario.sessionId())
                    .setAction(action).setFlag(flag).setCarNumber(carNumber).setMessage(message)
                    .setIssuedBy("race-generator").setAt(Instant.ofEpochMilli(atMicros / 1000)).build();
        }

        private double[] sectorFractions(int sectors) {
            double[] fractions = new double[sectors];
            double total = 0;
            for (int i = 0; i < sectors; i++) {
                fractions[i] = 0.8 + random.nextDouble(0.4);
                total += fractions[i];
            }
            for (int i = 0; i < sectors; i++) {
                fractions[i] /= total;
            }
            return fractions;
        }
    }

    private static List<Long> finishes(List<TrackCrossing> crossings) {
        List<Long> finishes = new ArrayList<>();
        for (TrackCrossing crossing : crossings) {
            if (crossing.line() == LineKind.FINISH) {
                finishes.add(crossing.timeMicros());
            }
        }
        return finishes;
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * SECOND + instant.getNano() / 1000;
    }

    static Source sourceFor(boolean lapsnapperStream) {
        return lapsnapperStream ? Source.LAPSNAPPER : Source.CTP01;
    }
}
