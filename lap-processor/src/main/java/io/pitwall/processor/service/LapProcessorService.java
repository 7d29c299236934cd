package io.pitwall.processor.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.health.HealthRegistry;
import io.pitwall.ingest.core.health.HealthServer;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.processor.errors.StreamThreadFailurePolicy;
import io.pitwall.processor.topology.EventSerdes;
import io.pitwall.processor.topology.LapProcessorConfig;
import io.pitwall.processor.topology.LapProcessorTopology;
import io.pitwall.schemas.catalog.TopicProvisioner;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import io.pitwall.schemas.serde.PitwallSerdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running lap processor: health and metrics HTTP, the catalogue topics, and the Kafka Streams client
 * running {@link LapProcessorTopology} with exactly-once processing.
 *
 * <p>Start-up order: metrics and the HTTP server first (liveness answers and readiness says what the service
 * waits for), then the topics (retried while Kafka is unreachable: Kafka 4.3.1 may drop the first batch
 * produced into a topic that has no leader yet, KAFKA-15591), then Kafka Streams. {@link #close()} shuts
 * down in the opposite order; Kafka Streams finishes and commits the work in hand.
 */
public final class LapProcessorService implements AutoCloseable {

    /** The topics the lap processor reads or writes. */
    public static final List<TopicSpec> TOPICS = List.of(Topics.PASSINGS, Topics.SESSIONS, Topics.SESSION_CONTROL,
            Topics.LAPS, Topics.TIMING71_STATES, Topics.TIMING71_MANIFESTS, Topics.DEAD_LETTER);

    private static final Logger LOG = LoggerFactory.getLogger(LapProcessorService.class);
    private static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROVISION_MAX_BACKOFF = Duration.ofSeconds(15);

    /** How a running service ended. */
    public enum Termination { CLOSED, FAILED }

    private final Configuration config;
    private final PrometheusMeterRegistry registry;
    private final StreamsHealth streamsHealth = new StreamsHealth();
    private final StreamThreadFailurePolicy failurePolicy = new StreamThreadFailurePolicy();
    private final CompletableFuture<Termination> termination = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards starting and stopping the HTTP server and Kafka Streams against a concurrent close(). */
    private final Object lifecycle = new Object();
    private HealthServer httpServer;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    private LapProcessorService(Configuration config) {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Starts the service and returns once Kafka Streams has been started (not necessarily RUNNING yet: see
     * {@code /health/ready}).
     *
     * @throws Exception when the HTTP port cannot be bound or Kafka Streams cannot be created; everything
     *                   started so far is closed again
     */
    public static LapProcessorService start(Configuration config) throws Exception {
        return create(config).start();
    }

    /** A service not started yet: {@link #close()} may be hooked to the JVM's shutdown before {@link #start()}. */
    public static LapProcessorService create(Configuration config) {
        return new LapProcessorService(config);
    }

    /**
     * Starts the service; returns once Kafka Streams has been started, or at once when {@link #close()} was
     * called meanwhile (e.g. SIGTERM while waiting for Kafka).
     *
     * @throws Exception see {@link #start(Configuration)}
     */
    public LapProcessorService start() throws Exception {
        try {
            startUp();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startUp() throws Exception {
        long started = System.nanoTime();
        String serviceId = config.get(LapProcessorOptions.SERVICE_ID);
        LOG.info("{} starting with:\n  {}", serviceId, String.join("\n  ", config.describe()));
        registry.config().commonTags("service", serviceId);
        bindJvmMetrics();
        HealthRegistry health = new HealthRegistry();
        streamsHealth.register(health);
        synchronized (lifecycle) {
            if (closing.getCount() == 0) {
                return;
            }
            httpServer = HealthServer.start(config.get(CommonFields.HTTP_BIND_ADDRESS),
                    config.get(LapProcessorOptions.HTTP_PORT), health, registry);
        }

        if (config.get(CommonFields.TOPICS_CREATE)) {
            provisionTopics();
        }
        LapProcessorMetrics metrics = new LapProcessorMetrics(registry);
        LapProcessorConfig topologyConfig = LapProcessorOptions.topology(config);
        Topology topology = LapProcessorTopology.build(topologyConfig, serdes(), metrics);
        LOG.debug("Topology:\n{}", topology.describe());
        // a close() from the shutdown hook either finds Kafka Streams started or stops it from starting
        synchronized (lifecycle) {
            if (closing.getCount() == 0) {
                return;
            }
            streams = new KafkaStreams(topology, StreamsSettings.of(config, metrics));
            streams.setUncaughtExceptionHandler(failurePolicy);
            streams.setStateListener(this::onStateChange);
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            streamsHealth.streams(streams);
            streams.start();
        }
        LOG.info("{} started in {} ms: application.id={}, kafka={}, exactly_once_v2, commits live results within {} and a"
                        + " backlog every {}, health and metrics on port {}", serviceId,
                (System.nanoTime() - started) / 1_000_000, config.get(LapProcessorOptions.APPLICATION_ID),
                config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS), config.get(LapProcessorOptions.COMMIT_INTERVAL),
                StreamsSettings.commitInterval(config), httpServer.port());
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        LOG.info("Kafka Streams {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR) {
            termination.complete(Termination.FAILED);
        }
    }

    /**
     * Creates the catalogue topics that are missing and waits for their leaders; while Kafka is unreachable,
     * retries with a growing pause until it answers or the service is closed.
     */
    private void provisionTopics() throws InterruptedException {
        Map<String, Object> adminProps = new LinkedHashMap<>();
        config.passthrough(KafkaPassthrough.PREFIX).forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminProps.put(key, value);
            }
        });
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, config.get(LapProcessorOptions.SERVICE_ID) + "-topics");
        short replication = config.get(CommonFields.TOPICS_REPLICATION_FACTOR).shortValue();
        long backoff = 1000;
        streamsHealth.starting("provisioning topics");
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                try {
                    new TopicProvisioner(admin, replication, PROVISION_TIMEOUT).provision(TOPICS);
                    return;
                } catch (RuntimeException e) {
                    streamsHealth.starting("waiting for Kafka to provision topics: " + e.getMessage());
                    LOG.warn("Cannot provision topics yet, retrying in {} ms: {}", backoff, e.getMessage());
                }
                if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
                backoff = Math.min(PROVISION_MAX_BACKOFF.toMillis(), backoff * 2);
            }
        }
    }

    /** Registry-backed serdes sharing one client (and its caches), with Confluent's keys. */
    private EventSerdes serdes() {
        Map<String, Object> serde = CommonFields.serdeConfig(config);
        SchemaRegistryClient client = SchemaRegistryClients.create(serde);
        return new EventSerdes(PitwallSerdes.forValue(Passing.class, serde, client),
                PitwallSerdes.forValue(SessionConfig.class, serde, client),
                PitwallSerdes.forValue(SessionControl.class, serde, client),
                PitwallSerdes.forValue(LapEvent.class, serde, client));
    }

    @SuppressWarnings("resource")
    private void bindJvmMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Port of {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
    public int httpPort() {
        return httpServer.port();
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The Kafka Streams client state, {@code CREATED} until it exists. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** Completes when the service was closed, or when Kafka Streams failed for good (state ERROR). */
    public CompletableFuture<Termination> termination() {
        return termination;
    }

    /**
     * Graceful shutdown: Kafka Streams finishes the records in hand, commits and closes (up to
     * {@code shutdown.timeout}); then metrics and the HTTP server stop. A statically assigned member
     * ({@code kafka.group.instance.id}) stays in the group so its restart gets its tasks back without a
     * rebalance; any other member leaves so that the others take over at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // first, so that a start-up waiting for Kafka gives up, before the lifecycle lock is taken
        closing.countDown();
        failurePolicy.close();
        LOG.info("{} shutting down", config.get(LapProcessorOptions.SERVICE_ID));
        synchronized (lifecycle) {
            stop();
        }
        LOG.info("{} stopped", config.get(LapProcessorOptions.SERVICE_ID));
        termination.complete(Termination.CLOSED);
    }

    private void stop() {
        if (streams != null) {
            CloseOptions options = CloseOptions.timeout(config.get(LapProcessorOptions.SHUTDOWN_TIMEOUT))
                    .withGroupMembershipOperation(StreamsSettings.staticMember(config)
                            ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                            : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
            if (!streams.close(options)) {
                LOG.warn("Kafka Streams did not close within {}", config.get(LapProcessorOptions.SHUTDOWN_TIMEOUT));
            }
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (httpServer != null) {
            httpServer.close();
        }
        registry.close();
    }
}
