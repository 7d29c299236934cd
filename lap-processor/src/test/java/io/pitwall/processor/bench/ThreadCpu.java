package io.pitwall.processor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's Java threads, grouped: the stream threads (the topology itself, commits included),
 * the producers' network threads, and every other Java thread. What the JVM used beyond their sum is the JIT
 * compilers, the garbage collector and the VM, which are not Java threads.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosById = new LinkedHashMap<>();
    private final Map<Long, String> groupById = new LinkedHashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu now() {
        ThreadCpu cpu = new ThreadCpu();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.nanosById.put(info.getThreadId(), nanos);
                cpu.groupById.put(info.getThreadId(), group(info.getThreadName()));
            }
        }
        return cpu;
    }

    private static String group(String name) {
        if (name.contains("producer-network-thread")) {
            return "producer network";
        }
        return name.contains("StreamThread") ? "stream threads" : "other Java threads";
    }

    /** Microseconds per record by group since {@code before}, and the rest of {@code jvmMicros} (JIT, GC, VM). */
    String perRecord(ThreadCpu before, double jvmMicrosPerRecord, long records) {
        Map<String, Double> micros = new LinkedHashMap<>();
        micros.put("stream threads", 0.0);
        micros.put("producer network", 0.0);
        micros.put("other Java threads", 0.0);
        double sum = 0;
        for (Map.Entry<Long, Long> thread : nanosById.entrySet()) {
            double used = (thread.getValue() - before.nanosById.getOrDefault(thread.getKey(), 0L)) / 1e3 / records;
            micros.merge(groupById.get(thread.getKey()), used, Double::sum);
            sum += used;
        }
        StringBuilder text = new StringBuilder("JVM CPU per passing by thread:");
        micros.forEach((group, used) -> text.append(String.format(" %s %.1f us,", group, used)));
        return text.append(String.format(" JIT/GC/VM %.1f us", Math.max(0, jvmMicrosPerRecord - sum))).toString();
    }
}
