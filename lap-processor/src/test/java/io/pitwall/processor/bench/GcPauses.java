package io.pitwall.processor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The garbage collectors' collections and accumulated collection time so far, per collector, from the JVM's
 * management beans. For G1's and the parallel collector's young and full collections that time is their
 * stop-the-world pauses, during which the stream thread does nothing; G1's concurrent marking is not in it.
 */
record GcPauses(Map<String, long[]> countAndMillis) {

    static GcPauses now() {
        Map<String, long[]> collectors = new LinkedHashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.put(collector.getName(), new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
        }
        return new GcPauses(collectors);
    }

    /** "collector: n collections, t ms" per collector since {@code before}, and their share of {@code wallNanos}. */
    String since(GcPauses before, long wallNanos) {
        StringBuilder text = new StringBuilder("garbage collections:");
        long totalMillis = 0;
        String separator = " ";
        for (Map.Entry<String, long[]> collector : countAndMillis.entrySet()) {
            long[] then = before.countAndMillis.getOrDefault(collector.getKey(), new long[2]);
            long count = collector.getValue()[0] - then[0];
            long millis = collector.getValue()[1] - then[1];
            totalMillis += millis;
            text.append(String.format("%s%s %d in %,d ms", separator, collector.getKey(), count, millis));
            separator = ", ";
        }
        return text.append(String.format(" (%.1f %% of the wall clock)", 100.0 * totalMillis * 1e6 / wallNanos)).toString();
    }
}
