package io.pitwall.processor.timing;

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
        CarStatus onTrack = run.trackStatus();
        if ((onTrack == CarStatus.RUN || onTrack == CarStatus.OUT) && stoppedAfterMicros > 0
                && nowMicros - run.lastCrossingMicros() > stoppedAfterMicros) {
            return CarStatus.STOP;
        }
        return onTrack;
    }
}
