package io.pitwall.ingest.core.publish;

import java.util.function.LongSupplier;

/**
 * Counts records accepted and not yet settled (acknowledged or failed) and derives writability with
 * hysteresis, like Netty's channel write-buffer water marks:
 * <ul>
 *   <li>at {@code highWater} outstanding the publisher turns <em>not writable</em> (hardware should pause);</li>
 *   <li>at {@code lowWater} or fewer it turns <em>writable</em> again — not at {@code highWater - 1}, so
 *       reads do not flap on and off with every acknowledgement;</li>
 *   <li>at {@code limit} further records are refused. The gap between {@code highWater} and
 *       {@code limit} is headroom for records already in flight inside a Netty pipeline when reading
 *       stops (one TCP read can hold many frames).</li>
 * </ul>
 * Thread-safe; the counters are read lock-free for gauges.
 */
final class OutstandingRecords {

    /** Result of {@link #tryAcquire()}. */
    enum Acquire { ACCEPTED, ACCEPTED_NOW_UNWRITABLE, REJECTED }

    private final int limit;
    private final int highWater;
    private final int lowWater;

    private final LongSupplier nanoClock;
    private volatile int count;
    private volatile boolean writable = true;
    private volatile long lastProgressNanos;

    OutstandingRecords(int limit, int highWater, int lowWater) {
        this(limit, highWater, lowWater, System::nanoTime);
    }

    OutstandingRecords(int limit, int highWater, int lowWater, LongSupplier nanoClock) {
        if (limit < 1 || highWater < 1 || highWater > limit || lowWater < 0 || lowWater >= highWater) {
            throw new IllegalArgumentException("need 0 <= lowWater < highWater <= limit, got low=" + lowWater
                    + " high=" + highWater + " limit=" + limit);
        }
        this.limit = limit;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.nanoClock = nanoClock;
        this.lastProgressNanos = nanoClock.getAsLong();
    }

    /** The water marks Pitwall uses for a limit: not writable at 3/4, writable again at 1/2. */
    static OutstandingRecords forLimit(int limit) {
        int high = Math.max(1, limit * 3 / 4);
        int low = Math.min(high - 1, limit / 2);
        return new OutstandingRecords(limit, high, low);
    }

    synchronized Acquire tryAcquire() {
        if (count >= limit) {
            return Acquire.REJECTED;
        }
        if (count == 0) {
            // an idle publisher has made no progress only because nothing was asked of it
            lastProgressNanos = nanoClock.getAsLong();
        }
        count++;
        if (writable && count >= highWater) {
            writable = false;
            return Acquire.ACCEPTED_NOW_UNWRITABLE;
        }
        return Acquire.ACCEPTED;
    }

    /** Settles one record; returns true when this made the publisher writable again. */
    synchronized boolean release() {
        if (count == 0) {
            throw new IllegalStateException("release without acquire");
        }
        count--;
        lastProgressNanos = nanoClock.getAsLong();
        if (!writable && count <= lowWater) {
            writable = true;
            return true;
        }
        return false;
    }

    /**
     * When a record was last settled, or when the first record was accepted into an empty publisher:
     * records held and no progress for a while is how a Kafka outage shows from the inside.
     */
    long lastProgressNanos() {
        return lastProgressNanos;
    }

    int count() {
        return count;
    }

    boolean isWritable() {
        return writable;
    }

    int limit() {
        return limit;
    }

    int highWater() {
        return highWater;
    }

    int lowWater() {
        return lowWater;
    }
}
