package io.pitwall.ingest.smartrace.mapping;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Hands out stream epochs: the current time in ms since the epoch, but always greater than the one
 * handed out before, so two connections accepted in the same millisecond still differ. Across
 * restarts the wall clock keeps them apart (a restart takes far longer than the connections per
 * millisecond it could overtake). Thread-safe.
 */
public final class StreamEpochs {

    private final LongSupplier clockMillis;
    private final AtomicLong last = new AtomicLong();

    public StreamEpochs(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public static StreamEpochs systemClock() {
        return new StreamEpochs(System::currentTimeMillis);
    }

    public long next() {
        long now = clockMillis.getAsLong();
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
