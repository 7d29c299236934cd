package io.pitwall.processor.bench;

import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.testing.BenchOptions;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Live latency: passings arrive at a steady rate, spread evenly over many venues (as a championship's
 * venues would send them), and a {@code read_committed} consumer measures, for each Timing71 state and lap
 * event, the time from when the input record was produced to when the output record can be read. A state
 * record carries the timestamp of the oldest input it is the first to show ({@code StatePacer}), so
 * {@code now - timestamp} is the latency of the passing that waited longest for it. The clock tick is switched
 * off ({@code timing71.clock-tick=1h}) so that every state measured is one caused by a passing.
 *
 * <pre>
 * ./mvnw -q -B -o -pl lap-processor test-compile exec:exec@latency-benchmark \
 *     -Dbench.args="--venues=100 --rate=200 --duration-s=60 --commit-interval-ms=20"
 * </pre>
 * Options: {@code --venues --cars --rate (passings/s over all venues) --duration-s --warmup-s
 * --commit-interval-ms --catch-up-commit-interval-ms --cache-bytes --linger-ms}, and {@code --topology=count} to measure Kafka Streams' bare {@code count()}
 * fed the same way instead.
 */
public final class LatencyBenchmark {

    private static final String COUNTS = "bench.counts";

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.trustPitwallPackages();
        BenchOptions options = new BenchOptions(args);
        int venues = options.integer("venues", 100);
        int cars = options.integer("cars", 20);
        int rate = options.integer("rate", 200);
        Duration duration = Duration.ofSeconds(options.integer("duration-s", 60));
        Duration warmup = Duration.ofSeconds(options.integer("warmup-s", 10));
        String topology = options.string("topology", "lap-processor");
        // print when the outputs later than this were caused (0: not at all), to lay them beside GC logs
        int lateMillis = options.integer("late-ms", 0);
        Map<String, String> service = BenchInfrastructure.serviceOptions(options);
        service.put("timing71.clock-tick", "1h");
        service.put("log.level", "WARN");
        List<String> brokerJvm = BenchInfrastructure.brokerJvm(options);
        Map<String, String> brokerConfig = BenchInfrastructure.brokerConfig(options);
        options.rejectUnknown();

        // enough laps per venue for the whole run at this rate
        long needed = (duration.toSeconds() + warmup.toSeconds()) * rate / venues;
        int lapsPerRace = (int) Math.max(10, needed / (cars * 3L) + 5);
        BenchSessions sessions = new BenchSessions(venues, cars, lapsPerRace);
        List<List<Passing>> feeds = new ArrayList<>();
        sessions.races.forEach(race -> feeds.add(race.passings()));

        try (BenchInfrastructure infra = new BenchInfrastructure(brokerJvm, brokerConfig)) {
            if (topology.equals("count")) {
                measureBareCount(infra, feeds, rate, duration, warmup, lateMillis, options);
                return;
            }
            Configuration config = infra.serviceConfig("lap-processor-latency", infra.dir.resolve("state"), service);
            try (KafkaProducer<String, Object> producer = infra.producer(0);
                 LapProcessorService processor = LapProcessorService.start(config);
                 KafkaConsumer<String, byte[]> consumer = consumer(infra, Topics.TIMING71_STATES.name(),
                         Topics.LAPS.name())) {
                for (RaceTimeline race : sessions.races) {
                    producer.send(new ProducerRecord<>(Topics.SESSIONS.name(), race.scenario().venueId(),
                            race.sessionConfig()));
                    for (SessionControl control : race.controls()) {
                        producer.send(new ProducerRecord<>(Topics.SESSION_CONTROL.name(), control.getVenueId(), control));
                    }
                }
                producer.flush();
                awaitFirstStates(consumer, venues, processor::state);

                GcPauses gcBefore = GcPauses.now();
                long measureStart = System.nanoTime();
                Map<String, Percentiles> latencies = measure(producer, consumer, feeds, rate, duration, warmup,
                        lateMillis);
                System.out.printf("%nLATENCY input -> Timing71 state: %s%n",
                        describe(latencies, Topics.TIMING71_STATES.name()));
                System.out.printf("LATENCY input -> lap event:      %s%n", describe(latencies, Topics.LAPS.name()));
                describeRun(venues, rate, duration, warmup, options);
                System.out.printf("  warm-up and run, %s%n", GcPauses.now().since(gcBefore, System.nanoTime() - measureStart));
                System.out.printf("  stream thread (ms): %s%n", threadLatencies(name ->
                        meterValues(processor, "kafka.stream.thread.", name).findFirst().orElse(Double.NaN)));
                System.out.printf("  service's producer: %s%n", producerTimes(name ->
                        meterValues(processor, "kafka.producer.", name).filter(v -> !Double.isNaN(v)).sum()));
            }
        }
    }

    /**
     * The calibration: Kafka Streams' bare {@code groupByKey().count()} fed the same way, with the same Streams
     * settings, on the same machine in the same state; its output carries the input's timestamp.
     */
    private static void measureBareCount(BenchInfrastructure infra, List<List<Passing>> feeds, int rate,
                                         Duration duration, Duration warmup, int lateMillis, BenchOptions options)
            throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.PASSINGS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey().count().toStream().to(COUNTS, Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = infra.countStreams("count-latency", options);
        infra.kafka.createTopics(List.of(new NewTopic(COUNTS, Topics.DEFAULT_PARTITIONS, (short) 1)));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaProducer<String, Object> producer = infra.producer(0);
             KafkaConsumer<String, byte[]> consumer = consumer(infra, COUNTS)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10);
            }
            Map<String, Percentiles> latencies = measure(producer, consumer, feeds, rate, duration, warmup, lateMillis);
            System.out.printf("%nLATENCY input -> count() output: %s%n", describe(latencies, COUNTS));
            describeRun(feeds.size(), rate, duration, warmup, options);
            System.out.printf("  stream thread (ms): %s%n", threadLatencies(name -> streams.metrics().entrySet().stream()
                    .filter(e -> e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(name))
                    .findFirst().map(e -> ((Number) e.getValue().metricValue()).doubleValue()).orElse(Double.NaN)));
        }
    }

    /** Feeds the passings at the rate and collects, per output topic, the input-to-output latencies. */
    private static Map<String, Percentiles> measure(KafkaProducer<String, Object> producer,
                                                    KafkaConsumer<String, byte[]> consumer, List<List<Passing>> feeds,
                                                    int rate, Duration duration, Duration warmup, int lateMillis) throws Exception {
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> feed(producer, feeds, rate, duration.plus(warmup), sending), "feeder");
        long start = System.nanoTime();
        feeder.start();
        Map<String, Percentiles> latencies = new HashMap<>();
        // late outputs by the 100 ms of wall clock their input was sent in
        TreeMap<Long, Integer> late = new TreeMap<>();
        long warm = start + warmup.toNanos();
        long end = start + duration.plus(warmup).plusSeconds(2).toNanos();
        while (sending.get() || System.nanoTime() < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                long latency = System.currentTimeMillis() - record.timestamp();
                if (System.nanoTime() >= warm) {
                    latencies.computeIfAbsent(record.topic(), t -> new Percentiles()).add(latency);
                    if (lateMillis > 0 && latency > lateMillis && !record.topic().equals(Topics.LAPS.name())) {
                        late.merge(record.timestamp() / 100 * 100, 1, Integer::sum);
                    }
                }
            }
        }
        feeder.join();
        if (lateMillis > 0) {
            printLate(late, lateMillis);
        }
        return latencies;
    }

    /** A topic's percentiles; a run too short for any lap to finish has no lap events to describe. */
    private static String describe(Map<String, Percentiles> latencies, String topic) {
        Percentiles percentiles = latencies.get(topic);
        return percentiles == null ? "none in the measured window" : percentiles.describe();
    }

    /** When the late outputs' inputs were sent: bursts (every venue late at once) point at a stall, not at the engine. */
    private static void printLate(TreeMap<Long, Integer> late, int lateMillis) {
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(String.format("LATE outputs (> %d ms) by when their input was sent"
                + " (UTC, 100 ms slots; %d slots):", lateMillis, late.size()));
        late.forEach((slot, count) -> text.append(' ').append(clock.format(Instant.ofEpochMilli(slot)))
                .append('x').append(count));
        System.out.println(text);
    }

    /** The values of the service's meters for a Kafka metric ({@code commit-latency-avg} as {@code <prefix>commit.latency.avg}). */
    private static DoubleStream meterValues(LapProcessorService processor, String prefix, String kafkaName) {
        String name = prefix + kafkaName.replace('-', '.');
        return processor.meterRegistry().getMeters().stream().filter(m -> m.getId().getName().equals(name))
                .mapToDouble(m -> m.measure().iterator().next().getValue());
    }

    /** Kafka Streams' own view of where the stream thread's time went per commit, poll and punctuation. */
    private static String threadLatencies(java.util.function.Function<String, Double> metric) {
        StringBuilder text = new StringBuilder();
        for (String what : List.of("commit", "poll", "punctuate", "process")) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%s avg %.2f max %.1f", what,
                    metric.apply(what + "-latency-avg"), metric.apply(what + "-latency-max")));
        }
        // per task: a commit of the thread's transaction counts once per task it commits
        return text.append(String.format("; task commits per second %.1f", metric.apply("commit-rate"))).toString();
    }

    /**
     * Where the service's transactional producer spent the run (totals since it started): a commit waits in
     * {@code flush} for every record of the transaction to be acknowledged, and a write the broker refuses while
     * it still ends the previous transaction is retried (record retries).
     */
    private static String producerTimes(ToDoubleFunction<String> metric) {
        return String.format("flush %.0f ms, send offsets %.0f ms, commit %.0f ms in all; %.0f record retries,"
                        + " request latency avg %.1f max %.0f ms",
                metric.applyAsDouble("flush-time-ns-total") / 1e6,
                metric.applyAsDouble("txn-send-offsets-time-ns-total") / 1e6,
                metric.applyAsDouble("txn-commit-time-ns-total") / 1e6,
                metric.applyAsDouble("record-retry-total"),
                metric.applyAsDouble("request-latency-avg"), metric.applyAsDouble("request-latency-max"));
    }

    private static void describeRun(int venues, int rate, Duration duration, Duration warmup, BenchOptions options) {
        System.out.printf("  %d venues, %d passings/s in all (%.1f per venue), %d s after %d s warm-up%n", venues,
                rate, rate / (double) venues, duration.toSeconds(), warmup.toSeconds());
        System.out.printf("  %s%n  %s%n", BenchInfrastructure.machine(), options.describe());
    }

    /** Sends the venues' passings round-robin at {@code rate} per second, each venue's in its own time order. */
    private static void feed(KafkaProducer<String, Object> producer, List<List<Passing>> feeds, int rate,
                             Duration duration, AtomicBoolean sending) {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        long end = start + duration.toNanos();
        int[] next = new int[feeds.size()];
        long sent = 0;
        try {
            while (System.nanoTime() < end) {
                long due = start + sent * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int venue = (int) (sent % feeds.size());
                List<Passing> feed = feeds.get(venue);
                if (next[venue] < feed.size()) {
                    Passing passing = feed.get(next[venue]++);
                    producer.send(new ProducerRecord<>(Topics.PASSINGS.name(), passing.getVenueId(), passing));
                }
                sent++;
            }
            producer.flush();
        } finally {
            sending.set(false);
        }
    }

    /** Waits until every venue has published its first state, then leaves the consumer at the end of the topics. */
    private static void awaitFirstStates(KafkaConsumer<String, byte[]> consumer, int venues,
                                         Supplier<KafkaStreams.State> state) throws InterruptedException {
        Set<String> services = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (services.size() < venues) {
            if (System.nanoTime() > deadline || state.get() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("only " + services.size() + " of " + venues + " sessions published");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.topic().equals(Topics.TIMING71_STATES.name())) {
                    services.add(record.key());
                }
            }
        }
        Thread.sleep(1000);
        consumer.poll(Duration.ofMillis(100));
    }

    /** A {@code read_committed} consumer of the topics, from their beginning. */
    private static KafkaConsumer<String, byte[]> consumer(BenchInfrastructure infra, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        return consumer;
    }
}
