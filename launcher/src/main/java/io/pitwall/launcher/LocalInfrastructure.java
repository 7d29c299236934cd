package io.pitwall.launcher;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.embedded.Ports;
import io.pitwall.schemas.catalog.TopicProvisioner;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The single-machine infrastructure of {@code pitwall up} and {@code pitwall demo}: a real KRaft broker
 * and a real schema registry whose data live under one directory, with the catalogue's topics created.
 * Starting again on the same directory brings everything back, because the log is the source of truth.
 */
final class LocalInfrastructure implements AutoCloseable {

    /** Written into the data directory so that {@code pitwall tail} and other tools find a running stack. */
    static final String ENDPOINTS_FILE = "endpoints.properties";

    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_REGISTRY_PORT = 8081;

    private final Path dataDir;
    private final Progress progress;
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private String registryUrl;
    private CompletableFuture<Void> registryStarted;
    private boolean ready;

    LocalInfrastructure(Path dataDir, Progress progress) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.progress = progress;
    }

    /** Starts everything and returns when the broker, the topics, the registry and the schemas are ready. */
    void start(Integer kafkaPort, Integer registryPort) {
        startKafka(kafkaPort, registryPort);
        awaitRegistry();
    }

    /**
     * Starts the broker and the registry side by side and returns once the broker is ready and the topics exist;
     * the registry may still be starting ({@link #awaitRegistry()}). Its URL is known already, so services that
     * need the registry only for records that cannot flow yet (the lap processor, the publisher) can start.
     */
    void startKafka(Integer requestedKafkaPort, Integer requestedRegistryPort) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        // broker and registry do not depend on each other: start them side by side to halve the wait
        progress.step("Starting Kafka broker (KRaft) and schema registry in " + dataDir);
        long begun = progress.begin();
        int kafkaPort = port(requestedKafkaPort, DEFAULT_KAFKA_PORT, dataDir.resolve("kafka").resolve("broker.port"));
        kafka = EmbeddedKafka.builder(dataDir.resolve("kafka")).port(kafkaPort).build();
        int registryPort = port(requestedRegistryPort, DEFAULT_REGISTRY_PORT,
                dataDir.resolve("registry").resolve("registry.port"));
        registryUrl = "http://" + Ports.LOOPBACK + ":" + registryPort + EmbeddedSchemaRegistry.CCOMPAT_PATH;
        registry = EmbeddedSchemaRegistry.builder(dataDir.resolve("registry")).port(registryPort).build();
        registryStarted = CompletableFuture.runAsync(() -> {
            registry.start();
            progress.done("Schema registry ready at " + registry.url(), begun);
        }, daemon("pitwall-registry-start"));
        kafka.start();
        progress.done("Kafka broker ready at " + kafka.bootstrapServers());

        progress.step("Creating topics");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provisionAll();
        }
        progress.done("Topics ready");
    }

    /** Waits for the registry, registers the schemas and writes the endpoints file; once, any thread. */
    synchronized void awaitRegistry() {
        if (ready) {
            return;
        }
        try {
            registryStarted.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        registerSchemas();
        writeEndpoints();
        ready = true;
    }

    /**
     * A listener port: as asked; unset, the usual port if it is free; otherwise (or asked for 0) the port of the
     * last run on this data directory if it is free, else any free port. The embedded broker and registry record
     * their port in their data directories; the launcher decides before they start, because it needs the
     * registry's URL early and a taken default port must not stop a demo.
     */
    static int port(Integer requested, int usual, Path recordedFile) {
        if (requested != null && requested != 0) {
            return requested;
        }
        if (requested == null && Ports.isFree(usual)) {
            return usual;
        }
        try {
            if (Files.isRegularFile(recordedFile)) {
                int recorded = Integer.parseInt(Files.readString(recordedFile).trim());
                if (recorded > 0 && recorded <= 65_535 && Ports.isFree(recorded)) {
                    return recorded;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no usable record: a free port, as on a first run
        }
        return Ports.findFree();
    }

    private static java.util.concurrent.Executor daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Registers every catalogue Avro schema under its topic's subject, one after the other, before any service
     * starts, so the registry holds one version per subject. Services register on first use and start side by
     * side; Apicurio 2.6 answers concurrent first registrations of one subject with 409 "already exists" (the
     * registry client resolves that with a lookup) and sometimes records the schema twice as versions 1 and 2.
     * Registering an already registered schema again just returns its id.
     */
    private void registerSchemas() {
        progress.step("Registering event schemas");
        SchemaRegistryClient client = SchemaRegistryClients.create(Map.of(SchemaRegistryClientConfig.URL, registryUrl));
        // one subject each, so side by side is safe
        CompletableFuture<?>[] registrations = Topics.ALL.stream()
                .filter(topic -> topic.avroSchema().isPresent())
                .map(topic -> CompletableFuture.runAsync(
                        () -> client.register(topic.name() + "-value", topic.avroSchema().orElseThrow()),
                        daemon("pitwall-register-" + topic.name())))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(registrations).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.done("Schemas registered");
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Known as soon as {@link #startKafka} returned; the registry answers after {@link #awaitRegistry()}. */
    String schemaRegistryUrl() {
        return registryUrl;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void writeEndpoints() {
        Properties endpoints = new Properties();
        endpoints.setProperty("KAFKA_BOOTSTRAP", bootstrapServers());
        endpoints.setProperty("SCHEMA_REGISTRY_URL", schemaRegistryUrl());
        try (var out = Files.newBufferedWriter(dataDir.resolve(ENDPOINTS_FILE))) {
            endpoints.store(out, "Endpoints of the running pitwall stack");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDir.resolve(ENDPOINTS_FILE), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dataDir.resolve(ENDPOINTS_FILE));
        } catch (IOException ignored) {
            // a stale endpoints file only misleads tail until the next start overwrites it
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
