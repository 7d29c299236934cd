package io.pitwall.processor.bench;

import java.util.Arrays;

/** Latency samples in milliseconds and their percentiles (nearest rank). */
final class Percentiles {

    private long[] samples = new long[1 << 14];
    private int count;

    void add(long millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
    }

    int count() {
        return count;
    }

    String describe() {
        if (count == 0) {
            return "no samples";
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms (%,d samples)", at(sorted, 0.50),
                at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999), sorted[count - 1], count);
    }

    private static long at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
