package io.pitwall.processor.bench;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.testing.BenchOptions;
import io.pitwall.processor.service.LapProcessorOptions;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a benchmark runs against: a real Kafka broker and a real Apicurio registry, each in its own JVM as in
 * production (full JIT for the broker, not the C1-only default that favours start-up), data in a fresh
 * temporary directory; the lap processor runs in the benchmark's JVM.
 */
final class BenchInfrastructure implements AutoCloseable {

    final Path dir;
    final EmbeddedKafka kafka;
    final EmbeddedSchemaRegistry registry;

    /** The broker's JVM options unless {@code --broker-jvm} names others. */
    static final String BROKER_JVM = "-Xms512m,-Xmx1g,-XX:+UseSerialGC";

    /**
     * {@code --broker-jvm=-Xmx1g,-XX:+UseG1GC,...}: the broker JVM's options, separated by commas (the benchmarks'
     * arguments are split at spaces), e.g. Kafka's own G1 settings or {@code -Xlog:gc:file=...:utctime}.
     */
    static List<String> brokerJvm(BenchOptions options) {
        return List.of(options.string("broker-jvm", BROKER_JVM).trim().split(","));
    }

    /** {@code --broker-config=key=value,...}: broker properties over the embedded broker's defaults. */
    static Map<String, String> brokerConfig(BenchOptions options) {
        return keyValues("broker-config", options.string("broker-config", ""));
    }

    BenchInfrastructure(List<String> brokerJvm, Map<String, String> brokerConfig) throws IOException {
        dir = Files.createTempDirectory("pitwall-lap-processor-bench");
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).mode(EmbeddedKafka.Mode.CHILD_PROCESS)
                .brokerProperties(brokerConfig).childJvmOptions(brokerJvm).build().start();
        registry = EmbeddedSchemaRegistry.builder(dir.resolve("registry")).build().start();
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : LapProcessorService.TOPICS) {
            topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
        }
        kafka.createTopics(topics);
    }

    /** The service configuration: real options, as the service's command line would give them. */
    Configuration serviceConfig(String applicationId, Path stateDir, Map<String, String> options) {
        ConfigLoader loader = ConfigLoader.of(LapProcessorOptions.FIELDS).environment(Map.of())
                .set("kafka.bootstrap.servers", kafka.bootstrapServers())
                .set("schema.registry.url", registry.url())
                .set("application.id", applicationId)
                .set("state.dir", stateDir.toString())
                .set("http.port", "0")
                .set("http.bind.address", "127.0.0.1");
        options.forEach(loader::set);
        return loader.load();
    }

    /**
     * The service options every benchmark sets from its command line: {@code --commit-interval-ms},
     * {@code --catch-up-commit-interval-ms}, {@code --cache-bytes}, {@code --linger-ms} (each by default the
     * service's own default); the benchmark adds its own.
     */
    static Map<String, String> serviceOptions(BenchOptions options) {
        Map<String, String> service = new LinkedHashMap<>();
        service.put("commit.interval", commitMillis(options) + "ms");
        service.put("commit.interval.catch-up", options.millis("catch-up-commit-interval-ms",
                defaultOf(LapProcessorOptions.COMMIT_INTERVAL_CATCH_UP).toMillis()).toMillis() + "ms");
        service.put("cache.max.bytes", Long.toString(cacheBytes(options)));
        service.put("producer.linger", lingerMillis(options) + "ms");
        service.putAll(keyValues("service-options", options.string("service-options", "")));
        return service;
    }

    /**
     * The pairs of a {@code --service-options} or {@code --broker-config} list ({@code key=value,key=value}), so a
     * setting can be measured without a benchmark option of its own; a value may contain {@code =}.
     */
    static Map<String, String> keyValues(String option, String list) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--" + option + " takes key=value pairs separated by commas, not '"
                        + pair + "'");
            }
            extra.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return extra;
    }

    /**
     * {@code --commit-interval-ms}: the live commit interval of the service, and the commit interval of
     * {@code count()} (default the service's).
     */
    static long commitMillis(BenchOptions options) {
        return options.millis("commit-interval-ms", defaultOf(LapProcessorOptions.COMMIT_INTERVAL).toMillis()).toMillis();
    }

    /** {@code --cache-bytes}: the record cache of the service and of {@code count()} (default the service's). */
    static long cacheBytes(BenchOptions options) {
        return Long.parseLong(options.string("cache-bytes", defaultOf(LapProcessorOptions.CACHE_MAX_BYTES).toString()));
    }

    /** {@code --linger-ms}: the producer's linger of the service and of {@code count()} (default the service's). */
    static long lingerMillis(BenchOptions options) {
        return options.millis("linger-ms", defaultOf(LapProcessorOptions.PRODUCER_LINGER).toMillis()).toMillis();
    }

    private static <T> T defaultOf(ConfigField<T> option) {
        return option.defaultValue().orElseThrow();
    }

    /**
     * The calibration's Kafka Streams settings: the same exactly-once, commit interval, poll wait, linger and cache as
     * the service gets from these options, so that the two differ only in their topology.
     */
    Properties countStreams(String applicationId, BenchOptions options) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        long commit = commitMillis(options);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit);
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.min(commit, 100));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMillis(options));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes(options));
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("count-state").toString());
        return props;
    }

    /** A producer of Avro events as an ingest would send them (idempotent, acks=all). */
    KafkaProducer<String, Object> producer(long lingerMillis) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
        // no compression: the producer shares the lap processor's JVM here, and LZ4 allocates a 64 KiB buffer per
        // batch (per record at linger 0), whose garbage collection would show up as the lap processor's latency
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    /**
     * CPU time used so far by this JVM and by the broker's JVM. On a machine shared with other work the wall
     * clock says little; CPU time per passing does not depend on what else runs.
     */
    CpuTimes cpu() {
        Duration self = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        Duration broker = ProcessHandle.current().descendants()
                .filter(BenchInfrastructure::isBroker)
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new CpuTimes(self, broker);
    }

    /** The broker's main class comes after a long class path, beyond what {@code ProcessHandle.Info} shows. */
    private static boolean isBroker(ProcessHandle process) {
        try {
            byte[] commandLine = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(commandLine, java.nio.charset.StandardCharsets.UTF_8).contains("kafka.Kafka");
        } catch (IOException e) {
            return process.info().commandLine().map(c -> c.contains("kafka.Kafka")).orElse(false);
        }
    }

    record CpuTimes(Duration processor, Duration broker) {
        /** Microseconds of this JVM's CPU per record since {@code before}. */
        double processorMicrosPerRecord(CpuTimes before, long records) {
            return (processor.minus(before.processor).toNanos() / 1e3) / records;
        }

        /** "x µs of lap-processor JVM + y µs of broker per record" since {@code before}. */
        String perRecord(CpuTimes before, long records) {
            double self = (processor.minus(before.processor).toNanos() / 1e3) / records;
            double kafka = (broker.minus(before.broker).toNanos() / 1e3) / records;
            return String.format("CPU per passing: %.1f us in the lap-processor JVM + %.1f us in the broker = %.1f us;"
                    + " 2 idle cores would allow about %,.0f passings/s", self, kafka, self + kafka,
                    2e6 / (self + kafka));
        }
    }

    /** The machine, for the report: cores and load average now. */
    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os.getAvailableProcessors() + " cores, load average " + String.format("%.1f", os.getSystemLoadAverage())
                + ", Java " + Runtime.version();
    }

    @Override
    public void close() throws IOException {
        registry.close();
        kafka.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
