package io.pitwall.ingest.smartrace.server;

import java.util.concurrent.atomic.AtomicInteger;

/** Sensor connections accepted at once, over all ports. Thread-safe. */
final class ConnectionLimit {

    private final int max;
    private final AtomicInteger current = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int now = current.get();
            if (now >= max) {
                return false;
            }
            if (current.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        current.decrementAndGet();
    }

    int current() {
        return current.get();
    }
}
