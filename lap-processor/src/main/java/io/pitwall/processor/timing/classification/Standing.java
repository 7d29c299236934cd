package io.pitwall.processor.timing.classification;

import java.util.Objects;

/**
 * What the classification needs to know of one car.
 *
 * @param finishLineCrossings index 0 the crossing that started the car's timing, index k the end of lap k;
 *                            empty when the car never crossed the finish line
 * @param bestLapMicros       best valid lap time, null if none
 * @param bestLapSetAtMicros  finish time of that lap (earlier setter ranks first on equal times)
 */
public record Standing(String carNumber, String className, long[] finishLineCrossings, Long bestLapMicros,
                       long bestLapSetAtMicros) {

    public Standing {
        Objects.requireNonNull(carNumber, "carNumber");
        Objects.requireNonNull(finishLineCrossings, "finishLineCrossings");
    }

    public boolean hasCrossedFinishLine() {
        return finishLineCrossings.length > 0;
    }

    public int laps() {
        return Math.max(0, finishLineCrossings.length - 1);
    }

    /** Time of the last finish-line crossing (the end of the last lap, or the timing start). */
    public long lastCrossingMicros() {
        return finishLineCrossings[finishLineCrossings.length - 1];
    }

    /** Time from the timing start to the end of the last lap. */
    public long totalTimeMicros() {
        return lastCrossingMicros() - finishLineCrossings[0];
    }

    public String classKey() {
        return className == null ? "" : className;
    }
}
