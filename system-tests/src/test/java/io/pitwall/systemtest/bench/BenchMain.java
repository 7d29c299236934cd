package io.pitwall.systemtest.bench;

import io.pitwall.ingest.core.testing.BenchOptions;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.systemtest.harness.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every pipeline benchmark's {@code main} does around its measurement: options (the common ones here: venues,
 * lap-processor settings, JVM options of the services and of the broker, directory), a {@link BenchPipeline}
 * with its {@link ProcessorLag} and {@link ProcessStats}, and an exit status that ends the JVM — the simulators'
 * and clients' threads would keep it (and, through it, the services) alive after a failure.
 */
final class BenchMain {

    /** A benchmark: reads its own options, then runs on the started pipeline. */
    interface Benchmark {
        Measurement configure(BenchOptions options, int venues);
    }

    interface Measurement {
        void run(BenchPipeline pipeline, ProcessStats stats, ProcessorLag lag) throws Exception;
    }

    /** The JVM options of a pipeline's processes, as given (the broker's empty: the embedded module's defaults). */
    record JvmOptions(List<String> services, List<String> broker) {
    }

    private BenchMain() {
    }

    /** Runs {@code benchmark} and exits: 0 when it finished, 1 (stack trace printed) when it failed. */
    static void main(String[] args, String title, String dirPrefix, Benchmark benchmark) {
        try {
            run(args, title, dirPrefix, benchmark);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args, String title, String dirPrefix, Benchmark benchmark) throws Exception {
        AvroTrust.trustPitwallPackages();
        BenchOptions options = new BenchOptions(args);
        int venues = options.integer("venues", 50);
        Measurement measurement = benchmark.configure(options, venues);
        Map<String, String> processor = processorOptions(options);
        JvmOptions jvm = jvmOptions(options);
        Path dir = Path.of(options.string("dir", Files.createTempDirectory(dirPrefix).toString()));
        options.rejectUnknown();
        System.out.printf("%s, load average %s, options %s%n", title, ProcessStats.loadAverage(), options.describe());
        try (BenchPipeline pipeline = BenchPipeline.start(dir, venues, processor, jvm);
             ProcessorLag lag = new ProcessorLag(pipeline.cluster.bootstrapServers(), BenchPipeline.APPLICATION_ID)) {
            measurement.run(pipeline, new ProcessStats(pipeline.services()), lag);
        }
    }

    /** The lap processor's options a benchmark may set; defaults are the service's production defaults. */
    private static Map<String, String> processorOptions(BenchOptions options) {
        Map<String, String> processor = new LinkedHashMap<>();
        // the harness sets 100ms for its tests; production runs the service's default
        processor.put("commit.interval", options.string("commit-interval", "20ms"));
        processor.put("timing71.max-states-per-second", options.string("max-states-per-second", "10"));
        processor.put("log.level", "WARN");
        return processor;
    }

    /**
     * {@code --service-jvm-options} (heap, GC, JIT of every service JVM, comma-separated; default the harness's
     * test settings, with which the documented figures were measured) and {@code --broker-jvm-options} (default:
     * the embedded module's broker defaults).
     */
    private static JvmOptions jvmOptions(BenchOptions options) {
        return new JvmOptions(list(options.string("service-jvm-options",
                String.join(",", ServiceProcess.DEFAULT_JVM_OPTIONS))), list(options.string("broker-jvm-options", "")));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
