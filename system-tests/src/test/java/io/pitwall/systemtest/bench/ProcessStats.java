package io.pitwall.systemtest.bench;

import io.pitwall.systemtest.harness.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory of every JVM of the pipeline, from Linux's {@code /proc}: CPU time ({@code utime + stime} of
 * {@code /proc/<pid>/stat}, in clock ticks of 1/100 s), resident set size ({@code VmRSS} of
 * {@code /proc/<pid>/status}) and, for Pitwall services, heap in use from their Prometheus
 * {@code jvm_memory_used_bytes{area="heap"}}. The broker and the registry are found among this JVM's child
 * processes by their command lines.
 */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    /** One process to watch; {@code service} is null for the broker, the registry and this JVM. */
    record Watched(String name, long pid, ServiceProcess service) {
    }

    /** CPU ticks of each process at one moment. */
    record CpuSnapshot(long nanos, Map<String, Long> ticks) {
    }

    private final List<Watched> watched;
    private final Map<String, Long> maxRss = new LinkedHashMap<>();

    ProcessStats(List<ServiceProcess> services) {
        List<Watched> all = new ArrayList<>();
        for (ServiceProcess service : services) {
            all.add(new Watched(service.name(), service.pid(), service));
        }
        java.util.Set<Long> servicePids = new java.util.HashSet<>();
        services.forEach(s -> servicePids.add(s.pid()));
        ProcessHandle.current().descendants().filter(p -> !servicePids.contains(p.pid())).forEach(p -> {
            String commandLine = commandLine(p.pid());
            if (commandLine.contains("kafka.Kafka")) {
                all.add(new Watched("kafka-broker", p.pid(), null));
            } else if (commandLine.contains("quarkus.http.port")) {
                all.add(new Watched("schema-registry (Apicurio)", p.pid(), null));
            }
        });
        all.add(new Watched("bench JVM (simulators + viewers)", ProcessHandle.current().pid(), null));
        this.watched = List.copyOf(all);
    }

    CpuSnapshot cpu() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Watched w : watched) {
            ticks.put(w.name(), cpuTicks(w.pid()));
        }
        return new CpuSnapshot(System.nanoTime(), ticks);
    }

    /** Samples the resident set sizes, keeping each process's maximum. */
    void sampleMemory() {
        for (Watched w : watched) {
            long rss = rssBytes(w.pid());
            maxRss.merge(w.name(), rss, Math::max);
        }
    }

    /** One line per process: CPU (cores) between two snapshots, RSS now and at most, heap in use now. */
    String table(CpuSnapshot from, CpuSnapshot to) {
        sampleMemory();
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        StringBuilder text = new StringBuilder(String.format("  %-34s %10s %10s %12s %12s%n", "process", "CPU cores",
                "RSS MiB", "max RSS MiB", "heap MiB"));
        double totalCpu = 0;
        for (Watched w : watched) {
            double cores = (to.ticks().get(w.name()) - from.ticks().get(w.name())) / TICKS_PER_SECOND / seconds;
            totalCpu += cores;
            Optional<Double> heap = w.service() == null ? Optional.empty()
                    : w.service().metric("jvm_memory_used_bytes", "area=\"heap\"");
            text.append(String.format("  %-34s %10.2f %10.0f %12.0f %12s%n", w.name(), cores, rssBytes(w.pid()) / 1048576.0,
                    maxRss.getOrDefault(w.name(), 0L) / 1048576.0,
                    heap.map(h -> String.format("%.0f", h / 1048576.0)).orElse("-")));
        }
        text.append(String.format("  %-34s %10.2f%n", "all", totalCpu));
        return text.toString();
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The load average (1, 5, 15 min) from {@code /proc/loadavg}. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
