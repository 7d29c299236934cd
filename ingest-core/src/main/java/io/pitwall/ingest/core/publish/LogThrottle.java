package io.pitwall.ingest.core.publish;

import java.time.Duration;

/**
 * Lets a repeated warning through at most once per interval and counts what it held back, so a
 * systematic failure (every record rejected) yields one informative line every few seconds instead
 * of thousands.
 */
final class LogThrottle {

    private final long intervalNanos;
    private long nextAllowedNanos = Long.MIN_VALUE;
    private long suppressed;

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * @return -1 to stay quiet, otherwise the number of occurrences suppressed since the last line
     */
    synchronized long occurrence(long nowNanos) {
        if (nextAllowedNanos != Long.MIN_VALUE && nowNanos - nextAllowedNanos < 0) {
            suppressed++;
            return -1;
        }
        nextAllowedNanos = nowNanos + intervalNanos;
        long count = suppressed;
        suppressed = 0;
        return count;
    }
}
