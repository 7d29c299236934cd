package io.pitwall.ingest.smartrace.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for one kind of event, with the number suppressed in between: a
 * port scanner or a broken sensor must not flood the log. Thread-safe.
 */
final class LogLimiter {

    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    LogLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** -1 to stay silent, otherwise log now, mentioning the returned number of suppressed events. */
    long tryLog(long nowNanos) {
        long next = nextNanos.get();
        if ((next == Long.MIN_VALUE || nowNanos - next >= 0) && nextNanos.compareAndSet(next, nowNanos + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
