package io.pitwall.publisher.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Delivery lag in whole milliseconds, 0 to 60 s, lock-free; enough resolution for p50/p99 against a 250 ms goal. */
final class LagHistogram {

    private static final int MAX_MS = 60_000;
    private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 1);

    void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, millis)));
    }

    /** A copy, so a report reads consistent numbers while recording goes on. */
    long[] snapshot() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    static long total(long[] h) {
        long n = 0;
        for (long c : h) {
            n += c;
        }
        return n;
    }

    /** The smallest lag at or under which {@code q} of the samples fall; -1 with no samples. */
    static long percentile(long[] h, double q) {
        long n = total(h);
        if (n == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < h.length; i++) {
            seen += h[i];
            if (seen >= rank) {
                return i;
            }
        }
        return h.length - 1;
    }

    static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
