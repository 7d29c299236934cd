package io.pitwall.ingest.chronocloud.session;

import java.time.Duration;

/**
 * Lets a repeated warning through at most once per interval and counts the ones held back, so a
 * station that sends garbage every cycle yields a line every minute rather than a flood.
 */
final class WarningThrottle {

    private final long intervalNanos;
    private long nextNanos;
    private boolean started;
    private long suppressed;

    WarningThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** @return -1 to stay quiet, else how many occurrences were held back since the last line */
    synchronized long occurrence(long nowNanos) {
        if (started && nowNanos - nextNanos < 0) {
            suppressed++;
            return -1;
        }
        started = true;
        nextNanos = nowNanos + intervalNanos;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
