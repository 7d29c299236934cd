package io.pitwall.systemtest.bench;

import java.util.Arrays;

/** Latency samples (nanoseconds) with the time each passing was sent, for percentiles over any time window. */
final class LatencySamples {

    private long[] sent = new long[1 << 14];
    private long[] latency = new long[1 << 14];
    private int count;

    synchronized void add(long sentNanos, long latencyNanos) {
        if (count == sent.length) {
            sent = Arrays.copyOf(sent, count * 2);
            latency = Arrays.copyOf(latency, count * 2);
        }
        sent[count] = sentNanos;
        latency[count] = latencyNanos;
        count++;
    }

    synchronized int count() {
        return count;
    }

    /** The percentiles of the passings sent in {@code [fromNanos, toNanos)}. */
    synchronized Summary between(long fromNanos, long toNanos) {
        long[] window = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (sent[i] >= fromNanos && sent[i] < toNanos) {
                window[n++] = latency[i];
            }
        }
        long[] sorted = Arrays.copyOf(window, n);
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    /** Nearest-rank percentiles of a window, in milliseconds. */
    record Summary(long[] sortedNanos) {

        int count() {
            return sortedNanos.length;
        }

        double percentileMillis(double quantile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(quantile * sortedNanos.length);
            return sortedNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        @Override
        public String toString() {
            if (sortedNanos.length == 0) {
                return "no samples";
            }
            return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%,d samples)",
                    percentileMillis(0.50), percentileMillis(0.90), percentileMillis(0.99), percentileMillis(0.999),
                    maxMillis(), count());
        }
    }
}
