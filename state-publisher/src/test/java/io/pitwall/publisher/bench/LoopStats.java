package io.pitwall.publisher.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients of one event loop measured. Written only by that loop's thread (so the counters are
 * never contended), read by the reporting thread.
 */
final class LoopStats {

    final LagHistogram lag = new LagHistogram();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong wireBytes = new AtomicLong();
    final UpdateStamps stamps = new UpdateStamps();
    volatile boolean measuring;

    /** A text message arrived at {@code arrivalMillis}; {@code lastUpdated} is -1 for one that is not a state. */
    void message(int payloadBytes, long lastUpdated, long arrivalMillis) {
        messages.lazySet(messages.get() + 1);
        wireBytes.lazySet(wireBytes.get() + payloadBytes);
        if (measuring && lastUpdated > 0) {
            lag.record(arrivalMillis - lastUpdated);
        }
    }
}
