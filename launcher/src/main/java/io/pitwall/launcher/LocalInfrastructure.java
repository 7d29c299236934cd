package io.pitwall.launcher;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.schemas.catalog.TopicProvisioner;
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

    private final Path dataDir;
    private final Progress progress;
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;

    LocalInfrastructure(Path dataDir, Progress progress) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.progress = progress;
    }

    void start(int kafkaPort, int registryPort) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        // broker and registry do not depend on each other: start them side by side to halve the wait
        progress.step("Starting Kafka broker (KRaft) and schema registry in " + dataDir);
        kafka = EmbeddedKafka.builder(dataDir.resolve("kafka")).port(kafkaPort).reusePortFromLastRun(kafkaPort == 0).build();
        registry = EmbeddedSchemaRegistry.builder(dataDir.resolve("registry")).port(registryPort)
                .reusePortFromLastRun(registryPort == 0).build();
        CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start);
        kafka.start();
        progress.done("Kafka broker ready at " + kafka.bootstrapServers());
        try {
            registryStarted.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.done("Schema registry ready at " + registry.url());

        progress.step("Creating topics");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provisionAll();
        }
        progress.done("Topics ready");
        writeEndpoints();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String schemaRegistryUrl() {
        return registry.url();
    }

    Path dataDir() {
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
