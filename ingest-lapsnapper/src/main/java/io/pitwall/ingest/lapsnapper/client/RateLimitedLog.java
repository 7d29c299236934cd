package io.pitwall.ingest.lapsnapper.client;

import java.util.function.LongSupplier;

/**
 * Lets through at most {@code burst} log lines per {@code periodNanos} and counts the rest, so a server sending
 * garbage at full speed cannot flood the log while every error is still counted in the metrics.
 */
public final class RateLimitedLog {

    private final int burst;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    public RateLimitedLog(int burst, long periodNanos, LongSupplier nanoClock) {
        this.burst = burst;
        this.periodNanos = periodNanos;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * @return -1 when this occurrence must not be logged; otherwise how many were suppressed since the last one
     *         logged (to mention in the line)
     */
    public synchronized long occurrence() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= periodNanos) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow < burst) {
            inWindow++;
            long s = suppressed;
            suppressed = 0;
            return s;
        }
        suppressed++;
        return -1;
    }
}
