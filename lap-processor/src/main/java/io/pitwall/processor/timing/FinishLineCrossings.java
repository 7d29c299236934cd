package io.pitwall.processor.timing;

import io.pitwall.events.LineKind;
import io.pitwall.processor.timing.lap.CarLaps;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.Lap;
import java.util.List;

/**
 * A car's accepted finish-line crossings as an array: index 0 is the crossing that started its timing, index
 * k the end of lap k. Classification, gaps and the finish rule all read laps this way.
 */
public final class FinishLineCrossings {

    private FinishLineCrossings() {
    }

    public static long[] of(CarLaps car) {
        return of(car.laps(), timingStart(car));
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

    /** How many entries of the ascending array are at or before {@code time}. */
    public static int countAtOrBefore(long[] ascending, long time) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending[mid] <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** How many entries of the ascending array are strictly before {@code time}. */
    public static int countBefore(long[] ascending, long time) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
