package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Crossing;
import java.util.List;

/**
 * A car's state from its accepted crossings: N/S → RUN, PIT_IN → PIT, PIT_OUT → OUT, OUT → RUN at the next
 * FINISH; FIN once finished, RET when race control retired it (before it finished), STOP when it has been
 * silent for longer than the configured time while on track.
 */
public final class CarStatusRule {

    private CarStatusRule() {
    }

    public static CarStatus status(CarRun run, Long retiredAtMicros, long nowMicros, long stoppedAfterMicros) {
        if (retiredAtMicros != null && (!run.finished() || retiredAtMicros < run.finishedAtMicros())) {
            return CarStatus.RET;
        }
        if (run.finished()) {
            return CarStatus.FIN;
        }
        CarStatus onTrack = trackStatus(run.accepted());
        if ((onTrack == CarStatus.RUN || onTrack == CarStatus.OUT) && stoppedAfterMicros > 0
                && nowMicros - run.lastCrossingMicros() > stoppedAfterMicros) {
            return CarStatus.STOP;
        }
        return onTrack;
    }

    /** N/S, RUN, PIT or OUT from the crossings alone. */
    public static CarStatus trackStatus(List<Crossing> accepted) {
        CarStatus status = CarStatus.NOT_STARTED;
        int finishesSincePitIn = 0;
        for (Crossing crossing : accepted) {
            switch (crossing.line()) {
                case PIT_IN -> {
                    status = CarStatus.PIT;
                    finishesSincePitIn = 0;
                }
                case PIT_OUT -> status = CarStatus.OUT;
                case FINISH -> {
                    if (status == CarStatus.PIT) {
                        // the pit lane may run through the finish loop; a second FINISH means PIT_OUT was missed
                        finishesSincePitIn++;
                        if (finishesSincePitIn >= 2) {
                            status = CarStatus.RUN;
                        }
                    } else {
                        status = CarStatus.RUN;
                    }
                }
                case SECTOR -> {
                    // sector lines are on the track: a car seen there has left the pits even if PIT_OUT was missed
                    if (status == CarStatus.PIT) {
                        status = CarStatus.OUT;
                    } else if (status == CarStatus.NOT_STARTED) {
                        status = CarStatus.RUN;
                    }
                }
                default -> {
                    if (status == CarStatus.NOT_STARTED) {
                        status = CarStatus.RUN;
                    }
                }
            }
        }
        return status;
    }
}
