package io.pitwall.processor.timing.lap;

import io.pitwall.events.LineKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one car's crossings into laps and sectors. Pure: the result depends only on the crossings (in their
 * time order) and the track limits.
 *
 * <p>Rules, applied in time order:
 * <ul>
 *   <li>A FINISH crossing sooner than the minimum lap time after the car's previous accepted FINISH, or
 *       sooner than the last sector's minimum after an accepted crossing of the last sector line, is a ghost
 *       read.</li>
 *   <li>A SECTOR n crossing sooner than minimum sector n after the car's previous accepted FINISH/SECTOR
 *       crossing is a ghost read. Index-less sector crossings (LapSnapper) get their index from their order
 *       after the last accepted FINISH.</li>
 *   <li>A PIT_IN/PIT_OUT crossing sooner than the minimum lap time after the previous accepted crossing of
 *       the same pit line is a ghost read (a car cannot enter the pits twice within one lap).</li>
 *   <li>The car's first accepted FINISH starts its timing; each further one completes a lap.</li>
 *   <li>Sector n = crossing(line n) − crossing(line n−1), line 0 and line N being the FINISH crossings.
 *       A missing line makes the two sectors touching it null. A lap holding the same sector line twice, or
 *       sector lines out of order, spans a missed FINISH read: it stays one long lap and all its sectors are
 *       null, because they cannot be told apart.</li>
 *   <li>A lap over the enabled maximum is kept and counted, but marked invalid.</li>
 * </ul>
 */
public final class LapCalculator {

    private LapCalculator() {
    }

    public static CarLaps compute(Iterable<Crossing> crossingsInTimeOrder, TrackLimits limits) {
        Walk walk = new Walk(limits);
        for (Crossing crossing : crossingsInTimeOrder) {
            walk.add(crossing);
        }
        return walk.result();
    }

    /**
     * A walk that can be continued. The rules are a left fold over the crossings in time order, so the state
     * after a prefix depends on that prefix only: a crossing later than every crossing added so far (the usual
     * case, live or in a replay) extends the walk in constant time, and {@link #result()} is then exactly what
     * {@link #compute} gives for the whole timeline. A crossing inserted earlier, or one removed, needs a new walk.
     */
    public static Walk start(TrackLimits limits) {
        return new Walk(limits);
    }

    /** The state of one pass over a car's crossings. Not thread-safe. */
    public static final class Walk {
        private final TrackLimits limits;
        private final GrowingList<Lap> laps = new GrowingList<>();
        private final GrowingList<Crossing> accepted = new GrowingList<>();
        private final Map<LineKind, Crossing> lastPitCrossing = new EnumMap<>(LineKind.class);
        private final List<Crossing> sinceLapStart = new ArrayList<>();
        private Crossing lastTimingCrossing;
        private Crossing lapStart;
        private int sectorCrossingsSinceFinish;
        private int ghosts;
        private Crossing previous;

        Walk(TrackLimits limits) {
            this.limits = limits;
        }

        /** Takes the next crossing; it must come after every crossing taken so far. */
        public void add(Crossing crossing) {
            if (previous != null && previous.compareTo(crossing) >= 0) {
                throw new IllegalArgumentException("crossings not in time order: " + previous + " then " + crossing);
            }
            previous = crossing;
            switch (crossing.line()) {
                case FINISH -> onFinish(crossing);
                case SECTOR -> onSector(crossing);
                case PIT_IN, PIT_OUT -> onPit(crossing);
                default -> accepted.add(crossing); // START/SPLIT/UNKNOWN: proof of life only
            }
        }

        /** The last crossing taken, null before the first. */
        public Crossing last() {
            return previous;
        }

        /** The laps of the crossings taken so far; the walk can go on afterwards. */
        public CarLaps result() {
            List<Long> current = lapStart == null ? List.of() : sectors(lapStart, sinceLapStart, null);
            return new CarLaps(laps.snapshot(), accepted.snapshot(), ghosts, current);
        }

        private void onFinish(Crossing crossing) {
            if (isGhostFinish(crossing)) {
                ghosts++;
                return;
            }
            accepted.add(crossing);
            lastTimingCrossing = crossing;
            if (lapStart != null) {
                laps.add(lap(crossing));
            }
            lapStart = crossing;
            sinceLapStart.clear();
            sectorCrossingsSinceFinish = 0;
        }

        private boolean isGhostFinish(Crossing crossing) {
            if (lapStart != null && crossing.timeMicros() - lapStart.timeMicros() < limits.minimumLapMicros()) {
                return true;
            }
            int sectors = limits.sectorCount();
            return sectors > 1 && lastTimingCrossing != null
                    && lastTimingCrossing.line() == LineKind.SECTOR
                    && lastTimingCrossing.lineIndex() != null && lastTimingCrossing.lineIndex() == sectors - 1
                    && crossing.timeMicros() - lastTimingCrossing.timeMicros() < limits.minimumSectorMicros(sectors);
        }

        private void onSector(Crossing crossing) {
            int index = crossing.lineIndex() != null
                    ? crossing.lineIndex()
                    : limits.derivedSectorIndex(sectorCrossingsSinceFinish + 1);
            if (lastTimingCrossing != null
                    && crossing.timeMicros() - lastTimingCrossing.timeMicros() < limits.minimumSectorMicros(index)) {
                ghosts++;
                return;
            }
            Crossing resolved = crossing.withLineIndex(index);
            accepted.add(resolved);
            lastTimingCrossing = resolved;
            sectorCrossingsSinceFinish++;
            if (lapStart != null) {
                sinceLapStart.add(resolved);
            }
        }

        private void onPit(Crossing crossing) {
            Crossing last = lastPitCrossing.get(crossing.line());
            if (last != null && crossing.timeMicros() - last.timeMicros() < limits.minimumLapMicros()) {
                ghosts++;
                return;
            }
            lastPitCrossing.put(crossing.line(), crossing);
            accepted.add(crossing);
            if (lapStart != null) {
                sinceLapStart.add(crossing);
            }
        }

        private Lap lap(Crossing finish) {
            List<PassingKey> passings = new ArrayList<>(sinceLapStart.size() + 2);
            passings.add(lapStart.key());
            boolean inPit = false;
            for (Crossing crossing : sinceLapStart) {
                passings.add(crossing.key());
                inPit |= crossing.isPitLine();
            }
            passings.add(finish.key());
            long lapTime = finish.timeMicros() - lapStart.timeMicros();
            return new Lap(laps.size() + 1, finish.transponder(), lapStart.timeMicros(), finish.timeMicros(),
                    sectors(lapStart, sinceLapStart, finish), limits.isOverMaximum(lapTime), inPit, passings,
                    false, false);
        }

        /** Sector times of a lap; {@code finish} null for the lap in progress. */
        private List<Long> sectors(Crossing start, List<Crossing> inLap, Crossing finish) {
            int count = limits.sectorCount();
            if (count < 2) {
                return List.of();
            }
            Long[] lineTimes = new Long[count + 1];
            lineTimes[0] = start.timeMicros();
            lineTimes[count] = finish == null ? null : finish.timeMicros();
            int lastIndex = 0;
            for (Crossing crossing : inLap) {
                if (crossing.line() != LineKind.SECTOR || !limits.isSectorLine(crossing.lineIndex())) {
                    continue;
                }
                int index = crossing.lineIndex();
                if (index <= lastIndex) {
                    // a line seen twice or out of order: this lap spans a missed FINISH read
                    Long[] unknown = new Long[count];
                    return Arrays.asList(unknown);
                }
                lineTimes[index] = crossing.timeMicros();
                lastIndex = index;
            }
            List<Long> sectors = new ArrayList<>(count);
            for (int sector = 1; sector <= count; sector++) {
                Long from = lineTimes[sector - 1];
                Long to = lineTimes[sector];
                sectors.add(from != null && to != null ? to - from : null);
            }
            return sectors;
        }
    }
}
