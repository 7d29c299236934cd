package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Lap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The laps of one car as last published, with what the timing screen and the next update read from them,
 * computed once when the laps change rather than on every screen: the best valid lap time up to each lap (so an
 * update touching only the latest laps carries the earlier best-lap state forward without walking the whole
 * list), the best lap, the best time per sector, and the finish-line crossings.
 *
 * @param best           the best valid lap (the first to set the fastest time), null if none
 * @param bestSectors    per sector, the best time in a valid completed lap (null where none)
 * @param finishLine     start of lap 1, then the finish of each lap; empty when there are no laps
 */
record PublishedLaps(List<Lap> laps, long[] bestValidUpTo, Lap best, List<Long> bestSectors, long[] finishLine) {

    static final PublishedLaps NONE = of(List.of());

    PublishedLaps {
        laps = List.copyOf(laps);
    }

    static PublishedLaps of(List<Lap> laps) {
        long[] bestUpTo = new long[laps.size()];
        long running = Long.MAX_VALUE;
        Lap best = null;
        Long[] sectors = new Long[0];
        for (int i = 0; i < laps.size(); i++) {
            Lap lap = laps.get(i);
            if (lap.isValid()) {
                running = Math.min(running, lap.lapTimeMicros());
                if (best == null || lap.lapTimeMicros() < best.lapTimeMicros()) {
                    best = lap;
                }
                sectors = bestOf(sectors, lap.sectorTimesMicros());
            }
            bestUpTo[i] = running;
        }
        long[] finishLine = new long[laps.isEmpty() ? 0 : laps.size() + 1];
        if (!laps.isEmpty()) {
            finishLine[0] = laps.get(0).startMicros();
            for (int i = 0; i < laps.size(); i++) {
                finishLine[i + 1] = laps.get(i).finishMicros();
            }
        }
        return new PublishedLaps(laps, bestUpTo, best, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(sectors))),
                finishLine);
    }

    /**
     * These laps followed by {@code tail}: what {@link #of} gives for the whole list, computed from this one's
     * figures and the new laps only (a car's laps are published one at a time, for every car, all session long).
     */
    PublishedLaps append(List<Lap> tail) {
        if (laps.isEmpty()) {
            return of(tail);
        }
        int size = laps.size();
        Lap[] all = laps.toArray(new Lap[size + tail.size()]);
        long[] bestUpTo = Arrays.copyOf(bestValidUpTo, size + tail.size());
        long[] crossings = Arrays.copyOf(finishLine, size + tail.size() + 1);
        long running = bestValidUpTo[size - 1];
        Lap newBest = best;
        Long[] sectors = bestSectors.toArray(new Long[0]);
        for (int i = 0; i < tail.size(); i++) {
            Lap lap = tail.get(i);
            all[size + i] = lap;
            if (lap.isValid()) {
                running = Math.min(running, lap.lapTimeMicros());
                if (newBest == null || lap.lapTimeMicros() < newBest.lapTimeMicros()) {
                    newBest = lap;
                }
                sectors = bestOf(sectors, lap.sectorTimesMicros());
            }
            bestUpTo[size + i] = running;
            crossings[size + i + 1] = lap.finishMicros();
        }
        return new PublishedLaps(Arrays.asList(all), bestUpTo, newBest,
                Collections.unmodifiableList(new ArrayList<>(Arrays.asList(sectors))), crossings);
    }

    /** Best valid lap time among the first {@code count} laps, Long.MAX_VALUE if none. */
    long bestValidAmongFirst(int count) {
        return count == 0 ? Long.MAX_VALUE : bestValidUpTo[count - 1];
    }

    /** Per sector, the better of {@code best} and {@code times} (nulls are no time); may grow {@code best}. */
    private static Long[] bestOf(Long[] best, List<Long> times) {
        Long[] result = times.size() > best.length ? Arrays.copyOf(best, times.size()) : best;
        for (int s = 0; s < times.size(); s++) {
            Long time = times.get(s);
            if (time != null && (result[s] == null || time < result[s])) {
                result[s] = time;
            }
        }
        return result;
    }
}
