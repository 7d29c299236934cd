package io.pitwall.systemtest.bench;

import static io.pitwall.systemtest.harness.Replay.sleep;

import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import io.pitwall.systemtest.harness.T71Client;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One load level on a running {@link BenchPipeline}: new sessions at every venue (generated for the rate), race
 * control configures them, a Timing71 viewer per session connects to the publisher, the {@link Pacer} sends the
 * reads in real time, a progress line is printed every few seconds, and what was sent is drained at the end.
 * Latency samples of the first {@code warmup} are kept but left out of {@link Result#measured()}.
 */
final class LoadRun {

    /** The parameters of a run. */
    record Settings(int venues, int cars, double rate, Duration warmup, Duration duration, Duration lead,
                    Duration stagger, Duration progressEvery, String sessionTag) {
    }

    /** What a run measured. {@code lags} are ({@link System#nanoTime()}, lap-processor consumer lag) pairs. */
    record Result(Settings settings, double achievedRate, LatencySamples samples, Map<Hardware, LatencySamples> byProtocol,
                  long warmEndNanos, long endNanos, long sampled, int neverShown, double maxLateMillis,
                  List<double[]> lags, String processTable, long states,
                  String publisherView) {

        LatencySamples.Summary measured() {
            return samples.between(warmEndNanos, endNanos);
        }
    }

    private LoadRun() {
    }

    static Result run(BenchPipeline pipeline, ProcessStats stats, ProcessorLag lag, Settings settings) {
        Instant anchor = Instant.now().plus(settings.lead()).truncatedTo(ChronoUnit.SECONDS);
        long generating = System.nanoTime();
        VenuePlan plan = VenuePlan.generate(settings.venues(), settings.cars(), settings.rate(),
                settings.warmup().plus(settings.duration()), settings.sessionTag(), anchor, settings.stagger());
        long samplesPlanned = plan.schedule.stream().filter(s -> s.lap() > 0).count();
        System.out.printf("%s: %d sessions generated in %.1f s: %,d reads (%,d lap completions sampled), races sped up"
                        + " %.1fx, venues start one after another over %.0f s from %s, then %d s warm-up%n",
                settings.sessionTag(), settings.venues(), (System.nanoTime() - generating) / 1e9, plan.schedule.size(),
                samplesPlanned, plan.timeScale, plan.spread.toMillis() / 1000.0, anchor, settings.warmup().toSeconds());
        if (Instant.now().isAfter(anchor.minusSeconds(2))) {
            System.out.println("WARNING: generation took longer than --lead-s; the first reads go out late (in warm-up)");
        }

        LatencySamples samples = new LatencySamples();
        Map<String, Hardware> protocolOf = new java.util.HashMap<>();
        Map<Hardware, LatencySamples> byProtocol = new EnumMap<>(Hardware.class);
        List<LapMatcher> matchers = new ArrayList<>();
        for (HardwareRace race : plan.races) {
            protocolOf.put(race.venueId(), race.hardware());
            byProtocol.putIfAbsent(race.hardware(), new LatencySamples());
            matchers.add(new LapMatcher(race.venueId(), (venue, sent, latency) -> {
                samples.add(sent, latency);
                byProtocol.get(protocolOf.get(venue)).add(sent, latency);
            }));
            pipeline.raceControl.run(race.sessionConfig(), race.controls());
        }
        List<T71Client> watchers = new ArrayList<>();
        try {
            for (int v = 0; v < plan.races.size(); v++) {
                watchers.add(follow(pipeline, plan.races.get(v).serviceUuid(), matchers.get(v)));
            }
            awaitManifests(watchers);
            Pacer pacer = new Pacer(plan, pipeline.hardware, matchers);
            long anchorNanos = pacer.anchorNanos();
            long warmEnd = anchorNanos + plan.spread.toNanos() + settings.warmup().toNanos();
            long end = warmEnd + settings.duration().toNanos();
            Thread sender = new Thread(pacer, "pacer");
            sender.setDaemon(true);
            sender.start();

            List<double[]> lags = new ArrayList<>();
            ProcessStats.CpuSnapshot cpuFrom = null;
            long sentAtWarmEnd = 0;
            double maxLate = 0;
            long lastNanos = System.nanoTime();
            long lastSent = 0;
            while (!pacer.done()) {
                sleep(settings.progressEvery());
                long now = System.nanoTime();
                long sent = pacer.sent();
                if (cpuFrom == null && now >= warmEnd) {
                    cpuFrom = stats.cpu();
                    sentAtWarmEnd = sent;
                }
                stats.sampleMemory();
                double late = pacer.takeMaxLateNanos() / 1e6;
                if (now >= warmEnd) {
                    maxLate = Math.max(maxLate, late);
                }
                long processorLag = lag.passingsLag();
                double sinceAnchor = (now - anchorNanos) / 1e9;
                lags.add(new double[] {now, processorLag});
                LatencySamples.Summary recent = samples.between(lastNanos - settings.progressEvery().toNanos(), lastNanos);
                                long oldest = matchers.stream().mapToLong(LapMatcher::oldestPendingSentNanos).min().orElse(Long.MAX_VALUE);
                System.out.printf("  t=%5.0fs%s sent %,7.0f/s | e2e of the previous %ds' reads: p50 %6.1f ms p99 %6.1f ms (%,d)"
                                + " | oldest unseen lap %s | lap-processor lag %,d | pacer late %.0f ms | load %s%n",
                        sinceAnchor, now < warmEnd ? " (warm-up)" : "", (sent - lastSent) / ((now - lastNanos) / 1e9),
                        settings.progressEvery().toSeconds(), recent.percentileMillis(0.5), recent.percentileMillis(0.99),
                        recent.count(), oldest == Long.MAX_VALUE ? "-" : String.format("%.0f ms", Math.max(0, now - oldest) / 1e6),
                        processorLag, late, ProcessStats.loadAverage());
                lastNanos = now;
                lastSent = sent;
            }
            ProcessStats.CpuSnapshot cpuTo = stats.cpu();
            long sentMeasured = pacer.sent() - sentAtWarmEnd;
            double achieved = sentMeasured / ((cpuTo.nanos() - (cpuFrom == null ? anchorNanos : cpuFrom.nanos())) / 1e9);
            String table = stats.table(cpuFrom == null ? cpuTo : cpuFrom, cpuTo);
            int neverShown = drain(matchers, Duration.ofSeconds(20));
            long states = watchers.stream().mapToLong(T71Client::stateCount).sum();
            return new Result(settings, achieved, samples, byProtocol, warmEnd, end, pacer.sampled(), neverShown,
                    maxLate, lags, table, states, publisherView(pipeline));
        } finally {
            watchers.forEach(T71Client::close);
        }
    }

    /**
     * The publisher's own view of the last minutes (Micrometer's decaying percentiles): how old a state record was
     * when the publisher read it (from the record timestamp, which is that of the oldest passing it is the first to
     * show, as the ingest stamped it) and how long it took from reading to the client's socket.
     */
    private static String publisherView(BenchPipeline pipeline) {
        var publisher = pipeline.publisher;
        return String.format("publisher's view: Kafka record age at read p50 %s / p99 %s ms (last minutes); read -> t71"
                        + " socket p50 <= %s / p99 <= %s ms (histogram bucket bounds, since start)",
                millis(publisher.metric("pitwall_publisher_record_age_seconds", "quantile=\"0.5\"")),
                millis(publisher.metric("pitwall_publisher_record_age_seconds", "quantile=\"0.99\"")),
                millis(HistogramQuantile.of(publisher.metrics(), "pitwall_publisher_delivery_lag_seconds", "transport=\"t71\"", 0.5)),
                millis(HistogramQuantile.of(publisher.metrics(), "pitwall_publisher_delivery_lag_seconds", "transport=\"t71\"", 0.99)));
    }

    private static String millis(java.util.Optional<Double> seconds) {
        return seconds.map(s -> String.format("%.1f", s * 1000)).orElse("?");
    }

    /**
     * Connects a viewer once the publisher knows the service (it answers 404 before the first manifest); it keeps
     * only the last state, each state goes to {@code matcher}.
     */
    private static T71Client follow(BenchPipeline pipeline, String uuid, LapMatcher matcher) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (pipeline.publisher.get("/api/services/" + uuid + "/manifest").status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the publisher never showed service " + uuid
                        + ": is the lap processor running? " + pipeline.processor.logTail(20));
            }
            sleep(Duration.ofMillis(200));
        }
        return T71Client.follow(pipeline.publisher.httpPort(), uuid, 1, matcher::shown);
    }

    private static void awaitManifests(List<T71Client> watchers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!watchers.stream().allMatch(w -> w.manifest() != null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every viewer received its manifest within 30 s");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Waits until every sampled lap was shown, at most {@code timeout}; returns how many never were. */
    private static int drain(List<LapMatcher> matchers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && matchers.stream().anyMatch(m -> m.pending() > 0)) {
            sleep(Duration.ofMillis(200));
        }
        return matchers.stream().mapToInt(LapMatcher::pending).sum();
    }

    /** The summary lines of a run. */
    static String describe(Result r) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("E2E LATENCY simulator write -> Timing71 state on the WebSocket, %.0f passings/s target,"
                        + " %.0f/s achieved over %d venues, %d s measured after %d s warm-up:%n  all        %s%n",
                r.settings().rate(), r.achievedRate(), r.settings().venues(), r.settings().duration().toSeconds(),
                r.settings().warmup().toSeconds(), r.measured()));
        r.byProtocol().forEach((protocol, s) -> text.append(String.format("  %-10s %s%n", protocol.name().toLowerCase(),
                s.between(r.warmEndNanos(), r.endNanos()))));
        text.append(String.format("  sampled lap completions %,d (never shown within 20 s after the end: %d), states"
                        + " received %,d, pacer late at most %.0f ms after warm-up%n", r.sampled(), r.neverShown(),
                r.states(), r.maxLateMillis()));
        text.append("  ").append(r.publisherView()).append('\n');
        text.append("  per process over the measured window:\n").append(r.processTable());
        return text.toString();
    }
}
