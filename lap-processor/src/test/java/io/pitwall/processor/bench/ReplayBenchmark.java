package io.pitwall.processor.bench;

import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.testing.BenchOptions;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.race.RaceTimeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Replay throughput: how many passings per second the whole lap-processor topology gets through (registry
 * serde, dedupe and reorder, timing model, lap events, Timing71 states, RocksDB stores with changelogs,
 * exactly-once) when a backlog is waiting, e.g. after an outage or when a day of sessions is re-timed.
 *
 * <ol>
 *   <li>a real broker and registry (child JVMs) start; sessions are generated (one per venue);</li>
 *   <li>the service runs once on the session configurations only and is shut down cleanly, so that every
 *       venue has its session when the replay starts (otherwise passings that overtake their configuration
 *       are timed in one cheap batch when it arrives, which would flatter the result);</li>
 *   <li>every passing is produced to {@code timing.passings};</li>
 *   <li>the service starts again on the same state directory; the clock runs from RUNNING until its committed
 *       input offsets reach the end of {@code timing.passings}.</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -q -B -o -pl lap-processor test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.pitwall.processor.bench.ReplayBenchmark -Dexec.args="--venues=200 --cars=30 --laps=40"
 * </pre>
 * Options: {@code --venues --cars --laps --commit-interval-ms --catch-up-commit-interval-ms --cache-bytes --linger-ms --threads}, {@code --warmup=0.3} (the
 * share of the replay after which the steady-state figures start: the first tens of seconds of a JVM are mostly
 * JIT compilation, which a long replay does not pay per passing), and {@code --topology=count} to measure Kafka
 * Streams' bare {@code count()} over the same records instead.
 *
 * <p>{@code --rounds=2} replays again, in the same running service, as many other venues' sessions once the first
 * replay is through: a replay on a warm JVM, as a service that has been timing for a while would catch up a backlog.
 * On two cores the JIT compiler takes about half of this JVM's CPU for the whole first replay (tens of seconds of
 * C2 compilation), so the first round is a cold JVM's figure. A later round's configurations are processed before its
 * passings are produced; its window starts when they are all produced (the service has been working through them
 * meanwhile), so the backlog never runs dry inside it.
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.trustPitwallPackages();
        BenchOptions options = new BenchOptions(args);
        int venues = options.integer("venues", 200);
        int cars = options.integer("cars", 30);
        int laps = options.integer("laps", 40);
        String topology = options.string("topology", "lap-processor");
        double warmup = Double.parseDouble(options.string("warmup", "0.3"));
        int rounds = options.integer("rounds", 1);
        Map<String, String> service = BenchInfrastructure.serviceOptions(options);
        service.put("num.stream.threads", options.string("threads", "1"));
        service.put("log.level", "WARN");
        List<String> brokerJvm = BenchInfrastructure.brokerJvm(options);
        Map<String, String> brokerConfig = BenchInfrastructure.brokerConfig(options);
        options.rejectUnknown();

        try (BenchInfrastructure infra = new BenchInfrastructure(brokerJvm, brokerConfig)) {
            Path stateDir = infra.dir.resolve("state");
            Configuration config = infra.serviceConfig("lap-processor-replay", stateDir, service);
            // in a method of its own: no frame of main() keeps the generated passings reachable during the replay
            // (an interpreted frame's dead locals, such as a for-each loop's iterator, are still roots), so the
            // heap the replay runs in holds only what the service holds
            int total = produceInputs(infra, config, topology, venues, cars, laps);

            if (topology.equals("count")) {
                replayBareCount(infra, total, warmup, options);
                return;
            }
            long starting = System.nanoTime();
            try (LapProcessorService replay = LapProcessorService.start(config)) {
                while (replay.state() != KafkaStreams.State.RUNNING) {
                    Thread.sleep(10);
                }
                Window window = measure(infra, "lap-processor-replay", replay::state, 0, total, warmup);
                window.report("lap-processor", options);
                report(replay);
                System.out.printf("  RUNNING after %d ms%n", (window.start().nanos() - starting) / 1_000_000);
                long replayed = total;
                for (int round = 2; round <= rounds; round++) {
                    int more = produceNextRound(infra, replay, venues * (round - 1), venues, cars, laps);
                    window = measure(infra, "lap-processor-replay", replay::state, replayed, more, warmup);
                    window.report("lap-processor, round " + round + " (warm JVM, " + replayed
                            + " passings timed before)", options);
                    report(replay);
                    replayed += more;
                }
            }
        }
    }

    private static void report(LapProcessorService replay) {
        System.out.printf("  stream thread time: %s%n", threadRatios(replay));
        System.out.printf("  states published so far: %.0f, lap corrections: %.0f%n",
                replay.meterRegistry().find("pitwall.processor.states.published").counters().stream()
                        .mapToDouble(c -> c.count()).sum(),
                replay.meterRegistry().find("pitwall.processor.lap.corrections").counters().stream()
                        .mapToDouble(c -> c.count()).sum());
    }

    /**
     * Another round of the replay while the service runs: other venues' configurations and race control, processed
     * first, then their passings.
     *
     * @return how many passings were produced
     */
    private static int produceNextRound(BenchInfrastructure infra, LapProcessorService replay, int firstVenue,
                                        int venues, int cars, int laps) throws Exception {
        BenchSessions sessions = new BenchSessions(venues, cars, laps, firstVenue);
        List<Passing> passings = sessions.interleaved();
        try (KafkaProducer<String, Object> producer = infra.producer(20)) {
            produceSessions(producer, sessions);
            awaitCaughtUp(infra, "lap-processor-replay", replay::state, Topics.SESSIONS.name(), Duration.ofMinutes(5));
            awaitCaughtUp(infra, "lap-processor-replay", replay::state, Topics.SESSION_CONTROL.name(),
                    Duration.ofMinutes(5));
            long millis = producePassings(producer, passings);
            System.out.printf("%nproduced %,d more passings of %d other venues in %d ms%n", passings.size(), venues,
                    millis);
        }
        return passings.size();
    }

    /** Produces the passings and waits until the broker has them all; returns how long that took (ms). */
    private static long producePassings(KafkaProducer<String, Object> producer, List<Passing> passings) {
        long producing = System.nanoTime();
        for (Passing passing : passings) {
            producer.send(new ProducerRecord<>(Topics.PASSINGS.name(), passing.getVenueId(), passing));
        }
        producer.flush();
        return millisSince(producing);
    }

    private static void produceSessions(KafkaProducer<String, Object> producer, BenchSessions sessions) {
        for (RaceTimeline race : sessions.races) {
            producer.send(new ProducerRecord<>(Topics.SESSIONS.name(), race.scenario().venueId(), race.sessionConfig()));
            for (SessionControl control : race.controls()) {
                producer.send(new ProducerRecord<>(Topics.SESSION_CONTROL.name(), control.getVenueId(), control));
            }
        }
        producer.flush();
    }

    /**
     * Generates the sessions, produces their configurations and race control (processed before the replay starts
     * unless the topology is the bare count) and then every passing, interleaved by passing time.
     *
     * @return how many passings were produced
     */
    private static int produceInputs(BenchInfrastructure infra, Configuration config, String topology, int venues,
                                     int cars, int laps) throws Exception {
        long generating = System.nanoTime();
        BenchSessions sessions = new BenchSessions(venues, cars, laps);
        List<Passing> passings = sessions.interleaved();
        System.out.printf("generated %d sessions, %,d passings in %d ms%n", venues, passings.size(),
                millisSince(generating));
        try (KafkaProducer<String, Object> producer = infra.producer(20)) {
            produceSessions(producer, sessions);
            if (!topology.equals("count")) {
                try (LapProcessorService configsOnly = LapProcessorService.start(config)) {
                    awaitCaughtUp(infra, "lap-processor-replay", configsOnly::state, Topics.SESSIONS.name(),
                            Duration.ofMinutes(5));
                }
            }
            System.out.printf("produced %,d passings in %d ms%n", passings.size(), producePassings(producer, passings));
        }
        return passings.size();
    }

    /**
     * Where the stream thread's time went (Kafka Streams' own thread metrics, over its last sample window):
     * processing records, punctuating (paced Timing71 states, ticks), committing (flushing stores, ending the
     * transaction), polling.
     */
    private static String threadRatios(LapProcessorService service) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("process.ratio", "punctuate.ratio", "commit.ratio", "poll.ratio",
                "commit.latency.avg")) {
            service.meterRegistry().getMeters().stream()
                    .filter(m -> m.getId().getName().equals("kafka.stream.thread." + name))
                    .findFirst()
                    .ifPresent(m -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                            .append(String.format("%.2f", m.measure().iterator().next().getValue())));
        }
        return text.length() == 0 ? "(no thread metrics)" : text.toString();
    }

    /**
     * The calibration: Kafka Streams' bare {@code groupByKey().count()} over the same records with the same
     * Streams settings (exactly-once, commit interval, cache), measured on the same machine in the same
     * state, so that the lap processor's figure can be told apart from what the broker and the machine allow.
     */
    private static void replayBareCount(BenchInfrastructure infra, int records, double warmup, BenchOptions options) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.PASSINGS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey().count().toStream().to("bench.counts", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = infra.countStreams("count-replay", options);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10);
            }
            measure(infra, "count-replay", streams::state, 0, records, warmup).report("bare count()", options);
        }
    }

    /** A point of the replay: when, the CPU used so far, and how many input records were committed. */
    private record Mark(long nanos, BenchInfrastructure.CpuTimes cpu, ThreadCpu threads, GcPauses gc, long committed,
                        TopicVolume volume) {

        static Mark now(BenchInfrastructure infra, Admin admin, long committed) throws Exception {
            return new Mark(System.nanoTime(), infra.cpu(), ThreadCpu.now(), GcPauses.now(), committed,
                    TopicVolume.of(admin));
        }
    }

    /** The whole replay (from its start) and its steady state (from the warm-up mark to the end). */
    private record Window(Mark start, Mark warm, Mark end) {

        void report(String what, BenchOptions options) {
            int records = (int) (end.committed - start.committed);
            long nanos = end.nanos - start.nanos;
            System.out.printf("%nREPLAY %s: %,d passings in %.1f s = %,.0f passings/s%n", what, records, nanos / 1e9,
                    records / (nanos / 1e9));
            System.out.printf("  %s%n  %s%n", BenchInfrastructure.machine(), options.describe());
            System.out.printf("  whole replay: %s%n", end.cpu.perRecord(start.cpu, records));
            System.out.printf("  whole replay: %s%n", end.threads.perRecord(start.threads,
                    end.cpu.processorMicrosPerRecord(start.cpu, records), records));
            printIfAny("  whole replay: ", end.threads.allocatedPerRecord(start.threads, records));
            System.out.printf("  whole replay: %s%n", end.gc.since(start.gc, nanos));
            int steady = (int) (end.committed - warm.committed);
            long steadyNanos = end.nanos - warm.nanos;
            System.out.printf("STEADY STATE (after the first %,d passings): %,d passings in %.1f s = %,.0f passings/s%n",
                    warm.committed - start.committed, steady, steadyNanos / 1e9, steady / (steadyNanos / 1e9));
            System.out.printf("  steady state: %s%n", end.cpu.perRecord(warm.cpu, steady));
            System.out.printf("  steady state: %s%n", end.threads.perRecord(warm.threads,
                    end.cpu.processorMicrosPerRecord(warm.cpu, steady), steady));
            printIfAny("  steady state: ", end.threads.allocatedPerRecord(warm.threads, steady));
            System.out.printf("  steady state: %s%n", end.gc.since(warm.gc, steadyNanos));
            System.out.print(end.volume.perRecord(start.volume, records));
        }

        private static void printIfAny(String prefix, String line) {
            if (!line.isEmpty()) {
                System.out.println(prefix + line);
            }
        }
    }

    /**
     * Measures a replay from now until the committed input offsets reach {@code before + records}, marking where
     * the warm-up share of it was committed.
     *
     * @param before passings committed before this replay's records were produced
     */
    private static Window measure(BenchInfrastructure infra, String group, Supplier<KafkaStreams.State> state,
                                  long before, int records, double warmup) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Mark start = Mark.now(infra, admin, Math.max(before, committedTotal(admin, group)));
            long warmCommitted = awaitCommitted(admin, group, state,
                    start.committed + (long) ((before + records - start.committed) * warmup), Duration.ofMinutes(30));
            Mark warm = Mark.now(infra, admin, warmCommitted);
            long endCommitted = awaitCommitted(admin, group, state, before + records, Duration.ofMinutes(30));
            return new Window(start, warm, Mark.now(infra, admin, endCommitted));
        }
    }

    /** Waits until the group's committed offsets of {@code timing.passings} add up to {@code target}; returns them. */
    private static long awaitCommitted(Admin admin, String group, Supplier<KafkaStreams.State> state,
                                       long target, Duration timeout) throws Exception {
        long committed = committedTotal(admin, group);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed < target) {
            if (state.get() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Kafka Streams failed");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + committed + " of " + target + " passings committed after "
                        + timeout);
            }
            Thread.sleep(20);
            committed = committedTotal(admin, group);
        }
        return committed;
    }

    private static long committedTotal(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.PASSINGS.name()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Waits until the service's committed offsets of {@code topic} reach its end offsets. */
    private static void awaitCaughtUp(BenchInfrastructure infra, String group, Supplier<KafkaStreams.State> state,
                                      String topic, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, Long> ends = TopicVolume.endOffsets(admin, List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (state.get() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("Kafka Streams failed");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                boolean done = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
                if (done) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("not caught up with " + topic + " after " + timeout);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
