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
 * @param trackStatus       N/S, RUN, PIT or OUT from the accepted crossings alone
 * @param pitStops          accepted PIT_IN crossings: one per pit stop
 */
public record CarRun(List<Lap> laps, List<Crossing> accepted, Long finishedAtMicros, List<Long> currentLapSectors,
                     int ghostReads, CarStatus trackStatus, int pitStops) {

    public static CarRun of(CarLaps raw, long chequeredMicros) {
        return of(raw, chequeredMicros, new TrackStatusFold());
    }

    /**
     * @param status the fold over the start of {@code raw}'s accepted crossings (the same lap walk), continued here
     */
    static CarRun of(CarLaps raw, long chequeredMicros, TrackStatusFold status) {
        List<Crossing> accepted = raw.accepted();
        int finish = chequeredMicros == FinishRule.NOT_YET ? -1 : finishingCrossing(accepted, chequeredMicros);
        if (finish < 0) {
            status.advanceOver(accepted);
            return new CarRun(raw.laps(), accepted, null, raw.currentLapSectors(), raw.ghostReads(), status.status(),
                    status.pitStops());
        }
        long finishedAt = accepted.get(finish).timeMicros();
        int lapCount = 0;
        while (lapCount < raw.laps().size() && raw.laps().get(lapCount).finishMicros() <= finishedAt) {
            lapCount++;
        }
        List<Crossing> counted = accepted.subList(0, finish + 1);
        TrackStatusFold countedStatus = status.folded() <= counted.size() ? status : new TrackStatusFold();
        countedStatus.advanceOver(counted);
        return new CarRun(raw.laps().subList(0, lapCount), counted, finishedAt, List.of(), raw.ghostReads(),
                countedStatus.status(), countedStatus.pitStops());
    }

    /** Index of the car's first FINISH at or after the chequered flag, -1 if none (crossings are in time order). */
    private static int finishingCrossing(List<Crossing> accepted, long chequeredMicros) {
        int low = 0;
        int high = accepted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (accepted.get(middle).timeMicros() < chequeredMicros) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int i = low; i < accepted.size(); i++) {
            if (accepted.get(i).line() == LineKind.FINISH) {
                return i;
            }
        }
        return -1;
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

    public Long lastCrossingMicros() {
        return accepted.isEmpty() ? null : accepted.get(accepted.size() - 1).timeMicros();
    }
}
