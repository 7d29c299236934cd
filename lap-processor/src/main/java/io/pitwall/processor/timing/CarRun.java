package io.pitwall.processor.timing;

import io.pitwall.events.LineKind;
import io.pitwall.processor.timing.lap.CarLaps;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.Lap;
import java.util.List;

/**
 * A car's laps as they count for the session: everything after the car's finishing crossing (its first
 * FINISH at or after the chequered flag) is cut off — cool-down laps and the way back to the paddock are not
 * part of the result.
 *
 * @param laps              counted laps, without best-lap flags
 * @param accepted          accepted crossings up to and including the finishing crossing
 * @param finishedAtMicros  time of the finishing crossing, null while the car has not finished
 * @param currentLapSectors sectors of the lap in progress (empty once finished)
 */
public record CarRun(List<Lap> laps, List<Crossing> accepted, Long finishedAtMicros, List<Long> currentLapSectors,
                     int ghostReads) {

    public static CarRun of(CarLaps raw, long chequeredMicros) {
        if (chequeredMicros == FinishRule.NOT_YET) {
            return new CarRun(raw.laps(), raw.accepted(), null, raw.currentLapSectors(), raw.ghostReads());
        }
        Crossing finish = null;
        for (Crossing crossing : raw.accepted()) {
            if (crossing.line() == LineKind.FINISH && crossing.timeMicros() >= chequeredMicros) {
                finish = crossing;
                break;
            }
        }
        if (finish == null) {
            return new CarRun(raw.laps(), raw.accepted(), null, raw.currentLapSectors(), raw.ghostReads());
        }
        long finishedAt = finish.timeMicros();
        int lapCount = 0;
        while (lapCount < raw.laps().size() && raw.laps().get(lapCount).finishMicros() <= finishedAt) {
            lapCount++;
        }
        int acceptedCount = raw.accepted().indexOf(finish) + 1;
        return new CarRun(raw.laps().subList(0, lapCount), raw.accepted().subList(0, acceptedCount), finishedAt,
                List.of(), raw.ghostReads());
    }

    public boolean finished() {
        return finishedAtMicros != null;
    }

    public Long timingStartMicros() {
        if (!laps.isEmpty()) {
            return laps.get(0).startMicros();
        }
        for (Crossing crossing : accepted) {
            if (crossing.line() == LineKind.FINISH) {
                return crossing.timeMicros();
            }
        }
        return null;
    }

    /** Accepted PIT_IN crossings: one per pit stop. */
    public int pitStops() {
        int stops = 0;
        for (Crossing crossing : accepted) {
            if (crossing.line() == LineKind.PIT_IN) {
                stops++;
            }
        }
        return stops;
    }

    public Long lastCrossingMicros() {
        return accepted.isEmpty() ? null : accepted.get(accepted.size() - 1).timeMicros();
    }
}
