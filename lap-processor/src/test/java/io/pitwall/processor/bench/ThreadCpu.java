package io.pitwall.processor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's Java threads, grouped: the stream threads (the topology itself, commits included),
 * the producers' network threads, and every other Java thread. What the JVM used beyond their sum is the JIT
 * compilers, the garbage collector and the VM, which are not Java threads: on Linux those are told apart by
 * their thread names in {@code /proc/self/task} (a thread's name there is cut to 15 characters).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports a thread's times in clock ticks of 1/100 s on every platform the JVM runs on here. */
    private static final double MICROS_PER_TICK = 10_000;

    private final Map<Long, Long> nanosById = new LinkedHashMap<>();
    /** Bytes each Java thread has allocated so far; empty on a JVM that does not count them. */
    private final Map<Long, Long> allocatedById = new LinkedHashMap<>();
    private final Map<Long, String> groupById = new LinkedHashMap<>();
    /** Native threads' CPU ticks by group ("JIT", "GC", "VM and other native"), empty where /proc is not there. */
    private final Map<String, Long> nativeTicks = new LinkedHashMap<>();

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
                long allocated = allocatedBytes(info.getThreadId());
                if (allocated >= 0) {
                    cpu.allocatedById.put(info.getThreadId(), allocated);
                }
            }
        }
        cpu.readNativeThreads();
        return cpu;
    }

    /** HotSpot counts each thread's allocation; it is steadier than CPU time on a noisy machine. */
    private static long allocatedBytes(long threadId) {
        return THREADS instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemoryEnabled()
                ? counting.getThreadAllocatedBytes(threadId) : -1;
    }

    private static String group(String name) {
        if (name.contains("producer-network-thread")) {
            return "producer network";
        }
        return name.contains("StreamThread") ? "stream threads" : "other Java threads";
    }

    private void readNativeThreads() {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String group = nativeGroup(Files.readString(task.resolve("comm")).strip());
                if (group != null) {
                    nativeTicks.merge(group, ticks(Files.readString(task.resolve("stat"))), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            nativeTicks.clear(); // a thread ended while being read: this split is left out, the totals stay right
        }
    }

    /** The JVM's own threads by their HotSpot names; null for a Java thread (counted above). */
    private static String nativeGroup(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "GC";
        }
        if (comm.startsWith("VM ") || comm.startsWith("Sweeper")) {
            return "VM and other native";
        }
        return null;
    }

    /** utime + stime of a {@code /proc/.../stat} line (fields 14 and 15; the name in parentheses may hold spaces). */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Every Java thread group, in the order reported, at zero (a group may have no thread). */
    private static Map<String, Double> zeroPerGroup() {
        Map<String, Double> groups = new LinkedHashMap<>();
        groups.put("stream threads", 0.0);
        groups.put("producer network", 0.0);
        groups.put("other Java threads", 0.0);
        return groups;
    }

    /** Microseconds per record by group since {@code before}, and the rest of {@code jvmMicros} (JIT, GC, VM). */
    String perRecord(ThreadCpu before, double jvmMicrosPerRecord, long records) {
        Map<String, Double> micros = zeroPerGroup();
        double sum = 0;
        for (Map.Entry<Long, Long> thread : nanosById.entrySet()) {
            double used = (thread.getValue() - before.nanosById.getOrDefault(thread.getKey(), 0L)) / 1e3 / records;
            micros.merge(groupById.get(thread.getKey()), used, Double::sum);
            sum += used;
        }
        StringBuilder text = new StringBuilder("JVM CPU per passing by thread:");
        micros.forEach((group, used) -> text.append(String.format(" %s %.1f us,", group, used)));
        text.append(String.format(" JIT/GC/VM %.1f us", Math.max(0, jvmMicrosPerRecord - sum)));
        if (!nativeTicks.isEmpty() && !before.nativeTicks.isEmpty()) {
            text.append(" (");
            String separator = "";
            for (Map.Entry<String, Long> group : nativeTicks.entrySet()) {
                long used = group.getValue() - before.nativeTicks.getOrDefault(group.getKey(), 0L);
                text.append(String.format("%s%s %.1f", separator, group.getKey(), used * MICROS_PER_TICK / records));
                separator = ", ";
            }
            text.append(")");
        }
        return text.toString();
    }

    /** Bytes allocated per record by group since {@code before}; empty when the JVM does not count them. */
    String allocatedPerRecord(ThreadCpu before, long records) {
        if (allocatedById.isEmpty()) {
            return "";
        }
        Map<String, Double> bytes = zeroPerGroup();
        for (Map.Entry<Long, Long> thread : allocatedById.entrySet()) {
            // a thread started since then counts from zero
            double allocated = (thread.getValue() - before.allocatedById.getOrDefault(thread.getKey(), 0L))
                    / (double) records;
            bytes.merge(groupById.get(thread.getKey()), allocated, Double::sum);
        }
        StringBuilder text = new StringBuilder("allocated per passing by thread:");
        String separator = " ";
        for (Map.Entry<String, Double> group : bytes.entrySet()) {
            text.append(String.format("%s%s %,.0f bytes", separator, group.getKey(), group.getValue()));
            separator = ", ";
        }
        return text.toString();
    }
}
