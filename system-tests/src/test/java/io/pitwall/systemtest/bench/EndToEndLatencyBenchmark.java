package io.pitwall.systemtest.bench;

import java.time.Duration;

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
 * --max-states-per-second (lap processor, default its production 10) --service-jvm-options (heap/GC/JIT of every
 * service JVM, comma-separated; default the harness's test settings) --broker-jvm-options (default the embedded
 * broker's) --dir}; the common ones are {@link BenchMain}'s.
 */
public final class EndToEndLatencyBenchmark {

    private EndToEndLatencyBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main(args, "end-to-end latency benchmark", "pitwall-e2e-bench", (options, venues) -> {
            LoadRun.Settings settings = new LoadRun.Settings(venues, options.integer("cars", 30),
                    options.decimal("rate", 1000), Duration.ofSeconds(options.integer("warmup-s", 30)),
                    Duration.ofSeconds(options.integer("duration-s", 120)),
                    Duration.ofSeconds(options.integer("lead-s", 20)), Duration.ofSeconds(options.integer("stagger-s", 5)),
                    Duration.ofSeconds(options.integer("progress-s", 5)), "latency");
            return (pipeline, stats, lag) -> {
                LoadRun.Result result = LoadRun.run(pipeline, stats, lag, settings);
                System.out.println();
                System.out.print(LoadRun.describe(result));
                System.out.printf("  load average at the end %s, %d cores, Java %s, options %s%n",
                        ProcessStats.loadAverage(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                        options.describe());
            };
        });
    }
}
