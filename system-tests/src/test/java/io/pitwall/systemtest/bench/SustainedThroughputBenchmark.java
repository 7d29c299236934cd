package io.pitwall.systemtest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue #9, sustained throughput: a ramp over rates on one running pipeline (ingest → Kafka → lap processor →
 * publisher), each rate for {@code --duration-s} with new sessions at every venue, until a rate does not hold.
 * A rate <em>holds</em> when, over its measured time (after {@code --warmup-s}):
 * <ul>
 *   <li>the simulators kept to their schedule (never more than 1 s late; otherwise the load generator, not the
 *       pipeline, is the limit). The rate achieved is reported: it follows the races (a safety car slows a field,
 *       a finished race goes quiet), so it moves around the target by a few per cent;</li>
 *   <li>lag does not grow: the lap processor's largest consumer lag on {@code timing.passings} in the last window
 *       ({@code --window-s}, one minute by default) is at most the first window's + one second of input, and the
 *       end-to-end median of the last window is at most twice the first window's + 100 ms. A backlog anywhere in
 *       the pipeline moves the median; the p99 (printed too) moves with whatever else the shared machine runs,
 *       so it is not a criterion;</li>
 *   <li>every sampled lap reached the WebSocket client within 20 s after the end.</li>
 * </ul>
 * The result is the highest rate that held, with CPU and memory of every process at that rate.
 *
 * <pre>
 * java -cp "$(cat system-tests/target/test-classpath.txt):system-tests/target/test-classes" \
 *     io.pitwall.systemtest.bench.SustainedThroughputBenchmark --rates=500,1000,1500,2000,3000 --duration-s=300
 * </pre>
 * Options: {@code --rates --duration-s --window-s --warmup-s --venues --cars --lead-s --stagger-s --progress-s
 * --commit-interval --max-states-per-second --service-jvm-options --broker-jvm-options --dir} (the common ones:
 * {@link BenchMain}).
 */
public final class SustainedThroughputBenchmark {

    private SustainedThroughputBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main(args, "sustained throughput benchmark", "pitwall-throughput-bench", (options, venues) -> {
            double[] rates = Arrays.stream(options.string("rates", "500,1000,1500,2000,3000").split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            int cars = options.integer("cars", 30);
            Duration duration = Duration.ofSeconds(options.integer("duration-s", 300));
            Duration window = Duration.ofSeconds(options.integer("window-s", 60));
            Duration warmup = Duration.ofSeconds(options.integer("warmup-s", 20));
            Duration lead = Duration.ofSeconds(options.integer("lead-s", 20));
            Duration stagger = Duration.ofSeconds(options.integer("stagger-s", 5));
            Duration progress = Duration.ofSeconds(options.integer("progress-s", 10));
            if (window.compareTo(duration.dividedBy(2)) > 0) {
                throw new IllegalArgumentException("--window-s must be at most half of --duration-s");
            }
            return (pipeline, stats, lag) -> {
                List<String> verdicts = new ArrayList<>();
                LoadRun.Result best = null;
                for (int step = 0; step < rates.length; step++) {
                    LoadRun.Result result = LoadRun.run(pipeline, stats, lag, new LoadRun.Settings(venues, cars,
                            rates[step], warmup, duration, lead, stagger, progress, "ramp" + step));
                    Verdict verdict = Verdict.of(result, window);
                    System.out.println();
                    System.out.print(LoadRun.describe(result));
                    System.out.printf("  %s%n  load average %s%n%n", verdict, ProcessStats.loadAverage());
                    verdicts.add(String.format("%,.0f passings/s: %s", rates[step], verdict));
                    if (!verdict.holds()) {
                        break;
                    }
                    best = result;
                }
                System.out.println("SUSTAINED THROUGHPUT");
                verdicts.forEach(v -> System.out.println("  " + v));
                System.out.println(best == null ? "  no rate held"
                        : String.format("  highest rate held for %d s: %,.0f passings/s over %d venues",
                                duration.toSeconds(), best.settings().rate(), venues));
                System.out.printf("  load average at the end %s, options %s%n", ProcessStats.loadAverage(),
                        options.describe());
            };
        });
    }

    /** Whether a run held its rate, and the figures that say so. */
    record Verdict(boolean holds, String why) {

        static Verdict of(LoadRun.Result r, Duration window) {
            long firstFrom = r.warmEndNanos();
            long lastFrom = r.endNanos() - window.toNanos();
            LatencySamples.Summary first = r.samples().between(firstFrom, firstFrom + window.toNanos());
            LatencySamples.Summary last = r.samples().between(lastFrom, r.endNanos());
            double w = window.toSeconds();
            double firstLag = maxLag(r.lags(), firstFrom, firstFrom + window.toNanos());
            double lastLag = maxLag(r.lags(), lastFrom, r.endNanos() + 1e9);
            List<String> failed = new ArrayList<>();
            if (r.maxLateMillis() > 1000) {
                failed.add("the simulators fell behind their schedule");
            }
            if (!(last.percentileMillis(0.5) <= first.percentileMillis(0.5) * 2 + 100)) {
                failed.add("e2e median grew");
            }
            if (lastLag > firstLag + r.settings().rate()) {
                failed.add("lap-processor lag grew");
            }
            if (r.neverShown() > 0) {
                failed.add(r.neverShown() + " laps never shown");
            }
            String figures = String.format("e2e p50 first/last %.0fs: %.1f / %.1f ms (p99 %.1f / %.1f ms); lap-processor"
                            + " lag max first/last: %,.0f / %,.0f records; achieved %,.0f/s", w,
                    first.percentileMillis(0.5), last.percentileMillis(0.5), first.percentileMillis(0.99),
                    last.percentileMillis(0.99), firstLag, lastLag, r.achievedRate());
            return new Verdict(failed.isEmpty(), (failed.isEmpty() ? "HOLDS" : "DOES NOT HOLD (" + String.join(", ", failed)
                    + ")") + ": " + figures);
        }

        private static double maxLag(List<double[]> lags, double fromNanos, double toNanos) {
            return lags.stream().filter(l -> l[0] >= fromNanos && l[0] < toNanos).mapToDouble(l -> l[1]).max()
                    .orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return why;
        }
    }
}
