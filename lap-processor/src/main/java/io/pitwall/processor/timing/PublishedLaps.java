package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Lap;
import java.util.List;

/**
 * The laps of one car as last published, with the best valid lap time up to each lap (so that an update
 * touching only the latest laps can carry the earlier best-lap state forward without walking the whole list).
 */
record PublishedLaps(List<Lap> laps, long[] bestValidUpTo) {

    static final PublishedLaps NONE = new PublishedLaps(List.of(), new long[0]);

    PublishedLaps {
        laps = List.copyOf(laps);
    }

    static PublishedLaps of(List<Lap> laps) {
        long[] best = new long[laps.size()];
        long running = Long.MAX_VALUE;
        for (int i = 0; i < laps.size(); i++) {
            Lap lap = laps.get(i);
            if (lap.isValid()) {
                running = Math.min(running, lap.lapTimeMicros());
            }
            best[i] = running;
        }
        return new PublishedLaps(laps, best);
    }

    /** Best valid lap time among the first {@code count} laps, Long.MAX_VALUE if none. */
    long bestValidAmongFirst(int count) {
        return count == 0 ? Long.MAX_VALUE : bestValidUpTo[count - 1];
    }

    /** Index of the first lap finishing at or after {@code micros}. */
    static int firstFinishingAtOrAfter(List<Lap> laps, long micros) {
        int low = 0;
        int high = laps.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (laps.get(mid).finishMicros() < micros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
