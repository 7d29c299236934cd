package io.pitwall.simulator.race;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LineKind;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.events.TrackSettings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground-truth timer: a deliberately plain, batch implementation of the timing rules, written apart from
 * the lap processor so that comparing the two checks something.
 *
 * <p>It knows which reads are ghosts (the generator made them), so it needs no minimum-time filtering; it
 * works from the reads that really happened, so a missed read has the effect it would have on any timer:
 * <ul>
 *   <li>missed SECTOR read: the two sectors touching that line are null (LapSnapper style: the following
 *       sector line takes its number — sector lines are numbered by their order after the finish line);</li>
 *   <li>missed FINISH read: the two laps are one long lap (usually over the maximum, so invalid) whose
 *       sectors are all null, and the car has one lap less;</li>
 *   <li>missed PIT_IN: one pit stop less.</li>
 * </ul>
 * The rest follows the session rules: first FINISH crossing starts a car's timing; chequered flag by the stop
 * rule (first car to complete the lap count; for a timed race the leader's first crossing after the time; for
 * practice/qualifying the time itself) or race control; each car finishes at its first FINISH at or after it
 * and nothing after counts; best-lap flags in finish-time order; classification race by laps then last
 * crossing, qualifying by best valid lap.
 */
public final class ReferenceTimer {

    private ReferenceTimer() {
    }

    public static GroundTruth compute(SessionConfig config, List<SessionControl> controls, List<DetectorRead> reads) {
        Map<String, String> carOfTransponder = new HashMap<>();
        Map<String, String> classOf = new HashMap<>();
        List<String> entryCars = new ArrayList<>();
        for (Entry entry : config.getEntries()) {
            entryCars.add(entry.getCarNumber());
            classOf.put(entry.getCarNumber(), entry.getClassName());
            for (String transponder : entry.getTransponders()) {
                carOfTransponder.putIfAbsent(transponder, entry.getCarNumber());
            }
        }
        Map<String, List<DetectorRead>> readsByCar = new TreeMap<>();
        reads.stream()
                .filter(read -> !read.ghost())
                .sorted(Comparator.comparingLong(DetectorRead::timeMicros).thenComparing(DetectorRead::streamId)
                        .thenComparingLong(DetectorRead::streamEpoch).thenComparingLong(DetectorRead::sequence))
                .forEach(read -> readsByCar.computeIfAbsent(
                        carOfTransponder.getOrDefault(read.transponder(), read.transponder()),
                        car -> new ArrayList<>()).add(read));

        int sectors = Math.max(1, Math.min(3, config.getSectorCount()));
        TrackSettings track = config.getTrackSettings();
        long maximum = track.getMaximumLapTimeEnabled() ? track.getMaximumLapTimeMillis() * 1000 : Long.MAX_VALUE;

        Map<String, List<long[]>> finishTimes = new TreeMap<>();
        Map<String, List<ExpectedLap>> rawLaps = new TreeMap<>();
        for (Map.Entry<String, List<DetectorRead>> car : readsByCar.entrySet()) {
            List<DetectorRead> carReads = car.getValue();
            List<Integer> finishIndexes = new ArrayList<>();
            for (int i = 0; i < carReads.size(); i++) {
                if (carReads.get(i).line() == LineKind.FINISH) {
                    finishIndexes.add(i);
                }
            }
            List<ExpectedLap> laps = new ArrayList<>();
            for (int k = 1; k < finishIndexes.size(); k++) {
                DetectorRead from = carReads.get(finishIndexes.get(k - 1));
                DetectorRead to = carReads.get(finishIndexes.get(k));
                List<DetectorRead> between = carReads.subList(finishIndexes.get(k - 1) + 1, finishIndexes.get(k));
                long lapTime = to.timeMicros() - from.timeMicros();
                boolean inPit = between.stream().anyMatch(r -> r.line() == LineKind.PIT_IN || r.line() == LineKind.PIT_OUT);
                laps.add(new ExpectedLap(car.getKey(), k, lapTime, sectorTimes(sectors, from, between, to),
                        to.timeMicros(), lapTime > maximum, inPit, false, false));
            }
            rawLaps.put(car.getKey(), laps);
            List<long[]> finishes = new ArrayList<>();
            for (int index : finishIndexes) {
                finishes.add(new long[] {carReads.get(index).timeMicros()});
            }
            finishTimes.put(car.getKey(), finishes);
        }

        long chequered = chequered(config, controls, finishTimes, readsByCar);

        Map<String, List<ExpectedLap>> counted = new TreeMap<>();
        Map<String, Long> finishedAt = new HashMap<>();
        for (String car : rawLaps.keySet()) {
            List<long[]> finishes = finishTimes.get(car);
            int lastCounted = finishes.size() - 1;
            for (int k = 0; k < finishes.size(); k++) {
                if (finishes.get(k)[0] >= chequered) {
                    lastCounted = k;
                    finishedAt.put(car, finishes.get(k)[0]);
                    break;
                }
            }
            counted.put(car, new ArrayList<>(rawLaps.get(car).subList(0, Math.max(0, lastCounted))));
        }

        flagBestLaps(counted);

        Map<String, Integer> pits = new HashMap<>();
        for (Map.Entry<String, List<DetectorRead>> car : readsByCar.entrySet()) {
            Long until = finishedAt.get(car.getKey());
            int stops = 0;
            for (DetectorRead read : car.getValue()) {
                if (read.line() == LineKind.PIT_IN && (until == null || read.timeMicros() <= until)) {
                    stops++;
                }
            }
            pits.put(car.getKey(), stops);
        }

        List<String> allCars = new ArrayList<>(entryCars);
        for (String car : readsByCar.keySet()) {
            if (!allCars.contains(car)) {
                allCars.add(car);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String car : allCars) {
            List<ExpectedLap> laps = counted.getOrDefault(car, List.of());
            List<long[]> finishes = finishTimes.getOrDefault(car, List.of());
            Long lastCrossing = finishes.isEmpty() ? null : finishes.get(Math.min(finishes.size() - 1, laps.size()))[0];
            ExpectedLap best = null;
            for (ExpectedLap lap : laps) {
                if (!lap.invalid() && (best == null || lap.lapTimeMicros() < best.lapTimeMicros())) {
                    best = lap;
                }
            }
            rows.add(new Row(car, laps.size(), lastCrossing, best, pits.getOrDefault(car, 0), finishedAt.containsKey(car)));
        }
        rows.sort(config.getType() == SessionType.RACE ? Row.RACE : Row.BEST_LAP);
        List<ExpectedStanding> classification = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            classification.add(new ExpectedStanding(i + 1, row.car(), row.laps(),
                    row.best() == null ? null : row.best().lapTimeMicros(), row.pits(), row.finished()));
        }
        Map<String, List<ExpectedLap>> nonEmpty = new LinkedHashMap<>();
        counted.forEach((car, laps) -> {
            if (!laps.isEmpty()) {
                nonEmpty.put(car, List.copyOf(laps));
            }
        });
        return new GroundTruth(nonEmpty, classification, chequered == Long.MAX_VALUE ? null : chequered);
    }

    private static List<Long> sectorTimes(int sectors, DetectorRead from, List<DetectorRead> between, DetectorRead to) {
        if (sectors < 2) {
            return List.of();
        }
        Long[] lineTimes = new Long[sectors + 1];
        lineTimes[0] = from.timeMicros();
        lineTimes[sectors] = to.timeMicros();
        int seen = 0;
        int previousLine = 0;
        boolean spansTwoLaps = false;
        for (DetectorRead read : between) {
            if (read.line() != LineKind.SECTOR) {
                continue;
            }
            seen++;
            int line = read.lineIndex() != null ? read.lineIndex() : ((seen - 1) % (sectors - 1)) + 1;
            if (line <= previousLine) {
                spansTwoLaps = true;
                break;
            }
            lineTimes[line] = read.timeMicros();
            previousLine = line;
        }
        List<Long> times = new ArrayList<>();
        for (int sector = 1; sector <= sectors; sector++) {
            boolean known = !spansTwoLaps && lineTimes[sector - 1] != null && lineTimes[sector] != null;
            times.add(known ? lineTimes[sector] - lineTimes[sector - 1] : null);
        }
        return times;
    }

    private static long chequered(SessionConfig config, List<SessionControl> controls,
                                  Map<String, List<long[]>> finishTimes, Map<String, List<DetectorRead>> readsByCar) {
        long byHand = Long.MAX_VALUE;
        long start = Long.MAX_VALUE;
        for (SessionControl control : controls) {
            long at = control.getAt().toEpochMilli() * 1000;
            if (control.getAction() == ControlAction.STOP
                    || (control.getAction() == ControlAction.FLAG && control.getFlag() == Flag.CHEQUERED)) {
                byHand = Math.min(byHand, at);
            }
            if (control.getAction() == ControlAction.START) {
                start = Math.min(start, at);
            }
        }
        if (start == Long.MAX_VALUE) {
            for (List<DetectorRead> carReads : readsByCar.values()) {
                start = Math.min(start, carReads.get(0).timeMicros());
            }
        }
        long byRule = Long.MAX_VALUE;
        long value = config.getStopRule().getValue();
        if (config.getStopRule().getKind() == StopKind.LAPS && value > 0) {
            for (List<long[]> finishes : finishTimes.values()) {
                if (finishes.size() > value) {
                    byRule = Math.min(byRule, finishes.get((int) value)[0]);
                }
            }
        } else if (config.getStopRule().getKind() == StopKind.TIME && value > 0 && start != Long.MAX_VALUE) {
            long expiry = start + value * 1_000_000L;
            if (config.getType() != SessionType.RACE || !config.getStopRule().getLeaderFinishes()) {
                byRule = expiry;
            } else {
                List<long[]> leader = null;
                int leaderLaps = -1;
                long leaderLast = Long.MAX_VALUE;
                for (List<long[]> finishes : finishTimes.values()) {
                    int crossed = 0;
                    while (crossed < finishes.size() && finishes.get(crossed)[0] <= expiry) {
                        crossed++;
                    }
                    if (crossed == 0) {
                        continue;
                    }
                    long last = finishes.get(crossed - 1)[0];
                    if (crossed - 1 > leaderLaps || (crossed - 1 == leaderLaps && last < leaderLast)) {
                        leader = finishes;
                        leaderLaps = crossed - 1;
                        leaderLast = last;
                    }
                }
                if (leader != null) {
                    for (long[] finish : leader) {
                        if (finish[0] >= expiry) {
                            byRule = finish[0];
                            break;
                        }
                    }
                }
            }
        }
        return Math.min(byHand, byRule);
    }

    private static void flagBestLaps(Map<String, List<ExpectedLap>> laps) {
        List<ExpectedLap> all = new ArrayList<>();
        laps.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(ExpectedLap::finishedAtMicros).thenComparing(ExpectedLap::carNumber)
                .thenComparingInt(ExpectedLap::lapNumber));
        Map<String, Long> personal = new HashMap<>();
        long overall = Long.MAX_VALUE;
        Map<String, List<ExpectedLap>> flagged = new TreeMap<>();
        for (ExpectedLap lap : all) {
            boolean pb = !lap.invalid() && lap.lapTimeMicros() < personal.getOrDefault(lap.carNumber(), Long.MAX_VALUE);
            boolean sb = !lap.invalid() && lap.lapTimeMicros() < overall;
            if (pb) {
                personal.put(lap.carNumber(), lap.lapTimeMicros());
            }
            if (sb) {
                overall = lap.lapTimeMicros();
            }
            flagged.computeIfAbsent(lap.carNumber(), c -> new ArrayList<>()).add(new ExpectedLap(lap.carNumber(),
                    lap.lapNumber(), lap.lapTimeMicros(), lap.sectorTimesMicros(), lap.finishedAtMicros(), lap.invalid(),
                    lap.inPit(), pb, sb));
        }
        for (Map.Entry<String, List<ExpectedLap>> car : laps.entrySet()) {
            List<ExpectedLap> inOrder = flagged.getOrDefault(car.getKey(), new ArrayList<>()); // a car may have no counted lap
            inOrder.sort(Comparator.comparingInt(ExpectedLap::lapNumber));
            car.getValue().clear();
            car.getValue().addAll(inOrder);
        }
    }

    private record Row(String car, int laps, Long lastCrossing, ExpectedLap best, int pits, boolean finished) {
        static final Comparator<String> NUMBER = (a, b) -> {
            boolean an = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
            boolean bn = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
            if (an && bn) {
                int c = new BigInteger(a).compareTo(new BigInteger(b));
                return c != 0 ? c : a.compareTo(b);
            }
            return an == bn ? a.compareTo(b) : an ? -1 : 1;
        };
        static final Comparator<Row> RACE = (x, y) -> {
            if ((x.lastCrossing() == null) != (y.lastCrossing() == null)) {
                return x.lastCrossing() == null ? 1 : -1;
            }
            if (x.lastCrossing() != null) {
                if (x.laps() != y.laps()) {
                    return Integer.compare(y.laps(), x.laps());
                }
                int byTime = Long.compare(x.lastCrossing(), y.lastCrossing());
                if (byTime != 0) {
                    return byTime;
                }
            }
            return NUMBER.compare(x.car(), y.car());
        };
        static final Comparator<Row> BEST_LAP = (x, y) -> {
            if ((x.best() == null) != (y.best() == null)) {
                return x.best() == null ? 1 : -1;
            }
            if (x.best() != null) {
                int byTime = Long.compare(x.best().lapTimeMicros(), y.best().lapTimeMicros());
                if (byTime != 0) {
                    return byTime;
                }
                int bySetAt = Long.compare(x.best().finishedAtMicros(), y.best().finishedAtMicros());
                if (bySetAt != 0) {
                    return bySetAt;
                }
            }
            return RACE.compare(x, y);
        };
    }
}
