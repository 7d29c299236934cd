package io.pitwall.systemtest.bench;

import io.pitwall.events.LineKind;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One session per venue for a run at a target rate: generated races ({@code RaceGenerator}, through the harness's
 * {@link HardwareRace} so each protocol reports only the lines it has), all sped up by one common factor so that
 * the venues together produce {@code rate} passings per second on average, each anchored to the wall clock (the
 * venues' starts spread over {@code stagger}, at least one lap), long enough for the run. Venue {@code i} uses protocol {@code i % 4}.
 *
 * <p>The schedule is every read of every venue in time order; a read that completes a lap per the ground truth
 * is marked with the car and lap number, for {@link LapMatcher}.
 */
final class VenuePlan {

    static final Hardware[] PROTOCOLS = {Hardware.LAPSNAPPER, Hardware.CTP01, Hardware.CHRONOFLY, Hardware.SMARTRACE};
    /** Slot-car races are small: the Smartrace ingest announces controllers 1-6. */
    static final int SMARTRACE_CARS = 6;
    private static final int PILOT_LAPS = 4;

    /** A read to send at its time; {@code lap > 0} when it completes that lap of its car (a latency sample). */
    record Scheduled(int venue, DetectorRead read, int lap) {
    }

    final List<HardwareRace> races;
    final List<Scheduled> schedule;
    final double timeScale;
    final Instant anchor;
    /** How long after the anchor the last venue starts: only then is the full rate reached. */
    final Duration spread;

    private VenuePlan(List<HardwareRace> races, List<Scheduled> schedule, double timeScale, Instant anchor,
                      Duration spread) {
        this.races = races;
        this.schedule = schedule;
        this.timeScale = timeScale;
        this.anchor = anchor;
        this.spread = spread;
    }

    static Hardware protocol(int venue) {
        return PROTOCOLS[venue % PROTOCOLS.length];
    }

    static String venueId(int venue) {
        return String.format("bench-%02d-%s", venue, protocol(venue).name().toLowerCase());
    }

    /**
     * @param length how long the sessions must go on producing reads at the rate (warm-up plus measurement)
     */
    static VenuePlan generate(int venues, int cars, double rate, Duration length, String sessionTag, Instant anchor,
                              Duration stagger) {
        // the natural (unscaled) rate and lap time of each venue's session, from a short race of the same field
        double[] naturalRate = new double[venues];
        double[] lapSeconds = new double[venues];
        IntStream.range(0, venues).parallel().forEach(v -> {
            HardwareRace pilot = race(v, cars, PILOT_LAPS, sessionTag, 1.0, null);
            List<DetectorRead> reads = pilot.reads();
            double span = (reads.get(reads.size() - 1).timeMicros() - reads.get(0).timeMicros()) / 1e6;
            naturalRate[v] = reads.size() / span;
            lapSeconds[v] = span / PILOT_LAPS;
        });
        double scale = rate / java.util.Arrays.stream(naturalRate).sum();
        // starts spread over at least one (sped-up) lap: venues started together cross their lines in waves
        long spread = Math.max(stagger.toMillis(),
                Math.round(java.util.Arrays.stream(lapSeconds).max().orElse(0) / scale * 1000));
        double needed = length.toMillis() / 1000.0 + 2 * spread / 1000.0;
        List<HardwareRace> races = IntStream.range(0, venues).parallel().mapToObj(v -> {
            // a margin for slower laps (safety car) and the field finishing behind the winner
            int laps = (int) Math.ceil(needed * scale / lapSeconds[v] * 1.4) + 2;
            Instant start = anchor.plusMillis(spread * v / venues);
            return race(v, cars, laps, sessionTag, scale, start);
        }).toList();

        long endMicros = micros(anchor) + (length.toMillis() + spread) * 1000;
        List<Scheduled> schedule = new ArrayList<>();
        for (int v = 0; v < venues; v++) {
            Map<String, Integer> lapEnds = new HashMap<>();
            races.get(v).groundTruth().laps().forEach((car, laps) -> {
                for (ExpectedLap lap : laps) {
                    lapEnds.put(car + "@" + lap.finishedAtMicros(), lap.lapNumber());
                }
            });
            for (DetectorRead read : races.get(v).reads()) {
                if (read.timeMicros() >= endMicros) {
                    break;
                }
                Integer lap = read.line() == LineKind.FINISH && !read.ghost()
                        ? lapEnds.remove(read.carNumber() + "@" + read.timeMicros()) : null;
                schedule.add(new Scheduled(v, read, lap == null ? 0 : lap));
            }
        }
        schedule.sort(Comparator.comparingLong((Scheduled s) -> s.read().timeMicros()));
        return new VenuePlan(races, List.copyOf(schedule), scale, anchor, Duration.ofMillis(spread));
    }

    /**
     * One venue's race. The generator's reference timer fails on a few seeds (a car without any counted lap);
     * such a seed is replaced by the next that works, as the lap-processor benchmarks do.
     */
    private static HardwareRace race(int venue, int cars, int laps, String sessionTag, double scale, Instant start) {
        for (long seed = 7000 + venue; ; seed += 10_000) {
            RaceScenario scenario = scenario(venue, seed, cars, laps, sessionTag);
            try {
                return start == null ? HardwareRace.of(protocol(venue), scenario)
                        : HardwareRace.of(protocol(venue), scenario, scale, start);
            } catch (UnsupportedOperationException e) {
                continue;
            }
        }
    }

    private static RaceScenario scenario(int venue, long seed, int cars, int laps, String sessionTag) {
        String venueId = venueId(venue);
        String sessionId = sessionTag + "-" + seed;
        RaceScenario race = RaceScenario.race(seed);
        return switch (protocol(venue)) {
            // slot cars as in the end-to-end test: no sectors, no unknown or dual transponders
            case SMARTRACE -> new RaceScenario(seed, venueId, sessionId, SessionType.RACE, SMARTRACE_CARS, 1, 1, true,
                    StopKind.LAPS, laps, race.start(), 0.0, 0.02, 0.04, false, false, false, false, false);
            case LAPSNAPPER -> copy(race, venueId, sessionId, cars, laps).withSectors(3, false);
            case CTP01 -> copy(race, venueId, sessionId, cars, laps).withSectors(3, true);
            case CHRONOFLY -> copy(race, venueId, sessionId, cars, laps).withSectors(2, true);
        };
    }

    /** The generator's imperfect race (missed and ghost reads, pits, safety car...) as this venue's session. */
    private static RaceScenario copy(RaceScenario race, String venueId, String sessionId, int cars, int laps) {
        return new RaceScenario(race.seed(), venueId, sessionId, race.sessionType(), cars, race.classes(),
                race.sectorCount(), race.hardwareSectorIndex(), StopKind.LAPS, laps, race.start(),
                race.missedReadRate(), race.ghostReadRate(), race.pitStopRate(), race.safetyCar(),
                race.unknownTransponder(), race.dualTransponderCar(), race.retirement(), race.decoderRestart());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
