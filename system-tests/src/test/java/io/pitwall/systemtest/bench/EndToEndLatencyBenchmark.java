package io.pitwall.systemtest.bench;

import io.pitwall.schemas.AvroTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue #9, end-to-end latency: from a protocol simulator writing a passing to the venue's ingest, to a Timing71
 * WebSocket client of the state publisher receiving the first state that shows it — through ingest, Kafka, the
 * lap processor (exactly-once v2) and the publisher, every service a child JVM from its real main. Venues are
 * spread over the four protocols ({@link VenuePlan}); how a state is matched to the passings it contains is
 * {@link LapMatcher}'s comment. One rate per run; p50/p99 exclude the warm-up.
 *
 * <pre>
 * java -cp "$(cat system-tests/target/test-classpath.txt):system-tests/target/test-classes" \
 *     io.pitwall.systemtest.bench.EndToEndLatencyBenchmark --rate=1000 --venues=50 --duration-s=120
 * </pre>
 * Options: {@code --rate --venues --cars (per circuit venue) --duration-s --warmup-s --lead-s --stagger-s
 * --progress-s --commit-interval (lap processor, default its production 20ms)
 * --max-states-per-second (lap processor, default its production 10) --dir}.
 */
public final class EndToEndLatencyBenchmark {

    private EndToEndLatencyBenchmark() {
    }

    public static void main(String[] args) {
        // the simulators' and clients' threads would keep the JVM (and, through it, the services) alive after a failure
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        AvroTrust.trustPitwallPackages();
        BenchOptions options = new BenchOptions(args);
        LoadRun.Settings settings = new LoadRun.Settings(options.integer("venues", 50), options.integer("cars", 30),
                options.decimal("rate", 1000), Duration.ofSeconds(options.integer("warmup-s", 30)),
                Duration.ofSeconds(options.integer("duration-s", 120)), Duration.ofSeconds(options.integer("lead-s", 20)),
                Duration.ofSeconds(options.integer("stagger-s", 5)), Duration.ofSeconds(options.integer("progress-s", 5)),
                "latency");
        Map<String, String> processor = processorOptions(options);
        Path dir = Path.of(options.string("dir", Files.createTempDirectory("pitwall-e2e-bench").toString()));
        options.rejectUnknown();
        System.out.printf("end-to-end latency benchmark, load average %s, options %s%n", ProcessStats.loadAverage(),
                options.describe());
        try (BenchPipeline pipeline = BenchPipeline.start(dir, settings.venues(), processor);
             ProcessorLag lag = new ProcessorLag(pipeline.cluster.bootstrapServers(), BenchPipeline.APPLICATION_ID)) {
            ProcessStats stats = new ProcessStats(pipeline.services());
            LoadRun.Result result = LoadRun.run(pipeline, stats, lag, settings);
            System.out.println();
            System.out.print(LoadRun.describe(result));
            System.out.printf("  load average at the end %s, %d cores, Java %s, options %s%n", ProcessStats.loadAverage(),
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), options.describe());
        }
    }

    /** The lap processor's options a benchmark may set; defaults are the service's production defaults. */
    static Map<String, String> processorOptions(BenchOptions options) {
        Map<String, String> processor = new LinkedHashMap<>();
        // the harness sets 100ms for its tests; production runs the service's default
        processor.put("commit.interval", options.string("commit-interval", "20ms"));
        processor.put("timing71.max-states-per-second", options.string("max-states-per-second", "10"));
        processor.put("log.level", "WARN");
        return processor;
    }
}
