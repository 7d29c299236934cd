package io.pitwall.processor.timing;

import io.pitwall.events.LineKind;
import io.pitwall.processor.timing.lap.CarLaps;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.Lap;
import java.util.List;

/**
 * A car's accepted finish-line crossings: as an array (index 0 the crossing that started its timing, index k the
 * end of lap k) for classification and gaps, and searched in place in the car's laps for the finish rule and the
 * timing session, which run for every passing.
 */
public final class FinishLineCrossings {

    private FinishLineCrossings() {
    }

    public static long[] of(List<Lap> laps, Long timingStartMicros) {
        if (timingStartMicros == null) {
            return new long[0];
        }
        long[] crossings = new long[laps.size() + 1];
        crossings[0] = timingStartMicros;
        for (int i = 0; i < laps.size(); i++) {
            crossings[i + 1] = laps.get(i).finishMicros();
        }
        return crossings;
    }

    /** The car's first accepted FINISH crossing, or null. */
    public static Long timingStart(CarLaps car) {
        if (!car.laps().isEmpty()) {
            return car.laps().get(0).startMicros();
        }
        for (Crossing crossing : car.accepted()) {
            if (crossing.line() == LineKind.FINISH) {
                return crossing.timeMicros();
            }
        }
        return null;
    }

    /** How many of the laps (in finish order) finished at or before {@code micros}. */
    public static int lapsFinishedAtOrBefore(List<Lap> laps, long micros) {
        return lapsFinished(laps, micros, true);
    }

    /** How many of the laps (in finish order) finished before {@code micros}: the index of the first at or after it. */
    public static int lapsFinishedBefore(List<Lap> laps, long micros) {
        return lapsFinished(laps, micros, false);
    }

    private static int lapsFinished(List<Lap> laps, long micros, boolean atOrBefore) {
        int low = 0;
        int high = laps.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            long finish = laps.get(mid).finishMicros();
            if (finish < micros || (atOrBefore && finish == micros)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
