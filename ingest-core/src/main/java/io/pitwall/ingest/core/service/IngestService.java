package io.pitwall.ingest.core.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.HelpPrinter;
import io.pitwall.ingest.core.health.HealthRegistry;
import io.pitwall.ingest.core.health.HealthServer;
import io.pitwall.ingest.core.health.KafkaReachabilityProbe;
import io.pitwall.ingest.core.health.StartupCheck;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.publish.AutoReadSwitch;
import io.pitwall.ingest.core.publish.DurablePublisher;
import io.pitwall.ingest.core.publish.ProducerSettings;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps an {@link Ingest}: configuration from defaults, file, environment and command line;
 * {@code --help}; log level; Prometheus metrics; the health/metrics HTTP server; the Kafka readiness
 * probe; the {@link DurablePublisher}; a shutdown hook; and a log line when ready.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     IngestService.main(new Ctp01Ingest(), args);
 * }
 * }</pre>
 *
 * The HTTP server starts before the publisher, so liveness answers (and readiness says why it is not
 * ready) while the service waits for Kafka. Readiness stays DOWN (check {@value #STARTED_CHECK}) until
 * {@link Ingest#start} has returned — with its listeners bound — and again from the start of shutdown.
 */
public final class IngestService implements ServiceLifecycle.Definition<Configuration> {

    /** Exit status for invalid configuration (as {@code EX_USAGE}-like tools use). */
    public static final int EXIT_CONFIG = ServiceLifecycle.EXIT_CONFIG;
    /** Exit status when startup failed after the configuration was accepted. */
    public static final int EXIT_STARTUP = ServiceLifecycle.EXIT_FAILED;

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    /** Readiness check that is DOWN until {@link Ingest#start} returned, and from the start of shutdown. */
    public static final String STARTED_CHECK = "started";

    private final Ingest ingest;
    private Map<String, String> environment = System.getenv();
    private Function<Map<String, Object>, Serializer<SpecificRecord>> serializerFactory = IngestService::avroSerializer;

    private IngestService(Ingest ingest) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
    }

    public static IngestService of(Ingest ingest) {
        return new IngestService(ingest);
    }

    /**
     * Runs the ingest as a process ({@link ServiceLifecycle}): prints help and exits 0 on {@code --help},
     * prints every configuration problem and exits {@value #EXIT_CONFIG}, exits {@value #EXIT_STARTUP} if
     * startup fails, otherwise runs until SIGTERM/SIGINT and shuts down cleanly.
     */
    public static void main(Ingest ingest, String... args) {
        ServiceLifecycle.main(of(ingest), args);
    }

    /**
     * The process lifecycle behind {@link #main}: help, configuration, start, wait for shutdown.
     *
     * @return 0 after help or a clean shutdown, {@value #EXIT_CONFIG} for invalid configuration,
     *         {@value #EXIT_STARTUP} when startup failed
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return ServiceLifecycle.run(this, args, out, err);
    }

    @Override
    public String name() {
        return ingest.name();
    }

    @Override
    public Configuration loadConfiguration(String[] args) {
        return configure(CommandLine.parse(args));
    }

    /**
     * The ingest for {@link ServiceLifecycle}; {@link #start(Configuration)} applies {@code log.level} itself (it
     * is also how the launcher and tests run an ingest in-process). A SIGTERM before {@code start} returned exits
     * without the ordered shutdown: there is no {@link RunningService} to close yet.
     */
    @Override
    public ServiceLifecycle.Instance create(Configuration config) {
        return new ServiceLifecycle.Instance() {
            private volatile RunningService running;

            @Override
            public void start() throws Exception {
                running = IngestService.this.start(config);
            }

            @Override
            public void close() {
                RunningService started = running;
                if (started != null) {
                    started.close();
                }
            }
        };
    }

    /** The environment to read instead of {@link System#getenv()} (tests, embedding). */
    public IngestService environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    /**
     * Creates the value serializer from the serde configuration (registry URL, credentials,
     * auto-registration); default: a {@link PitwallAvroSerializer}.
     */
    public IngestService valueSerializer(Function<Map<String, Object>, Serializer<SpecificRecord>> factory) {
        this.serializerFactory = Objects.requireNonNull(factory);
        return this;
    }

    /** The ingest's own options followed by the common ones. */
    public ConfigFields fields() {
        return ingest.fields().and(CommonFields.forService(ingest.name(), ingest.defaultHttpPort()));
    }

    /** The {@code --help} text. */
    @Override
    public String help() {
        return HelpPrinter.render(ingest.name(), fields(), ingest.envPrefix());
    }

    /** Loads and validates the configuration. @throws ConfigException with every problem found */
    public Configuration configure(CommandLine commandLine) {
        return ConfigLoader.of(fields())
                .envPrefix(ingest.envPrefix())
                .environment(environment)
                .commandLine(commandLine)
                .load();
    }

    public Configuration configure(String... args) {
        return configure(CommandLine.parse(args));
    }

    /**
     * Starts metrics, the health server, the Kafka probe, the publisher (waiting for Kafka and the
     * topics) and then the ingest. On failure everything started so far is closed again.
     */
    public RunningService start(Configuration config) throws Exception {
        long startNanos = System.nanoTime();
        LogLevels.apply(config.get(CommonFields.LOG_LEVEL));
        String serviceId = config.get(CommonFields.SERVICE_ID);
        LOG.info("Starting {} ({}), configuration:\n  {}", ingest.name(), serviceId, String.join("\n  ", config.describe()));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(MetricNames.TAG_SERVICE, serviceId);
        bindJvmMetrics(registry);
        IngestMetrics metrics = new IngestMetrics(registry, ingest.source());
        HealthRegistry health = new HealthRegistry();
        // registered before the server answers: an empty set of readiness checks would count as ready
        StartupCheck startup = new StartupCheck("waiting for Kafka");
        health.addReadiness(STARTED_CHECK, startup);

        HealthServer httpServer = null;
        KafkaReachabilityProbe probe = null;
        DurablePublisher<SpecificRecord> publisher = null;
        try {
            httpServer = HealthServer.start(config.get(CommonFields.HTTP_BIND_ADDRESS), config.get(CommonFields.HTTP_PORT),
                    health, registry);
            Map<String, Object> client = kafkaClientProperties(config);
            Duration interval = config.get(CommonFields.KAFKA_CHECK_INTERVAL);
            probe = KafkaReachabilityProbe.create(ProducerSettings.admin(client, serviceId + "-probe"), interval, interval)
                    .start();
            health.addReadiness("kafka", probe);

            Serializer<SpecificRecord> serializer = serializerFactory.apply(CommonFields.serdeConfig(config));
            publisher = DurablePublisher.builder(serializer)
                    .clientProperties(client)
                    .clientId(serviceId)
                    .topics(ingest.topics())
                    .createTopics(config.get(CommonFields.TOPICS_CREATE))
                    .replicationFactor(config.get(CommonFields.TOPICS_REPLICATION_FACTOR).shortValue())
                    .compression(config.get(CommonFields.COMPRESSION).name().toLowerCase(Locale.ROOT))
                    .linger(config.get(CommonFields.LINGER))
                    .maxBufferedRecords(config.get(CommonFields.MAX_BUFFERED_RECORDS))
                    .stallThreshold(config.get(CommonFields.STALL_THRESHOLD))
                    .metrics(metrics)
                    .kafkaReachability(probe::isReachable)
                    .venueOf(IngestService::venueIdOf)
                    .build();
            health.addLiveness("publisher", publisher.livenessCheck());
            health.addReadiness("publisher", publisher.readinessCheck());
            startup.step("waiting for Kafka and the topics " + ingest.topics().stream().map(t -> t.name()).toList());
            publisher.start();

            ServiceContext context = new ServiceContext(config, publisher, metrics, health, AutoReadSwitch.install(publisher));
            startup.step("starting the " + ingest.source() + " listeners and connections");
            ingest.start(context);
            startup.started("started in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
            RunningService running = new RunningService(ingest, context, httpServer, probe, registry, startup, CLOSE_TIMEOUT);
            LOG.info("{} ready in {} ms: service.id={}, kafka={}, topics={}, health and metrics on port {}",
                    ingest.name(), (System.nanoTime() - startNanos) / 1_000_000, serviceId,
                    config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS),
                    ingest.topics().stream().map(t -> t.name()).toList(), httpServer.port());
            return running;
        } catch (Exception | Error e) {
            closeQuietly(publisher, probe, httpServer);
            registry.close();
            throw e;
        }
    }

    /** Bootstrap servers plus every {@code kafka.*} passthrough property. */
    static Map<String, Object> kafkaClientProperties(Configuration config) {
        Map<String, Object> props = new LinkedHashMap<>(config.passthrough(CommonFields.KAFKA_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        return props;
    }

    /** The {@code venueId} field of an event, or null for event types without one. */
    static String venueIdOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("venueId");
        Object venue = field == null ? null : event.get(field.pos());
        return venue == null ? null : venue.toString();
    }

    private static Serializer<SpecificRecord> avroSerializer(Map<String, Object> serdeConfig) {
        PitwallAvroSerializer<SpecificRecord> serializer = new PitwallAvroSerializer<>();
        serializer.configure(serdeConfig, false);
        return serializer;
    }

    @SuppressWarnings("resource")
    private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Cleanup after failed start: {}", e.toString());
            }
        }
    }
}
