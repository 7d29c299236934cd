package io.pitwall.embedded.junit;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.embedded.EmbeddedVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The no-Docker fallback: an in-JVM KRaft broker and an Apicurio Registry child process, both on
 * 127.0.0.1, with their data in a temporary directory deleted at the end.
 */
final class EmbeddedTestCluster implements TestCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTestCluster.class);

    private final Path root;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedTestCluster(Path root, EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.root = root;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts broker and registry side by side: the registry is a separate JVM, so this halves the wait. */
    static EmbeddedTestCluster start() {
        Path root;
        try {
            root = Files.createTempDirectory("pitwall-test-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the test cluster", e);
        }
        EmbeddedKafka kafka = EmbeddedKafka.builder(root.resolve("kafka")).build();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(root.resolve("registry")).build();
        CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start,
                runnable -> new Thread(runnable, "pitwall-registry-start").start());
        try {
            kafka.start();
            registryStarted.join();
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            registryStarted.handle((ok, ignored) -> null).join();
            registry.close();
            kafka.close();
            deleteQuietly(root);
            throw failure;
        }
        return new EmbeddedTestCluster(root, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public String description() {
        return "embedded KRaft broker " + kafka.bootstrapServers() + " (Kafka " + EmbeddedVersions.kafka()
                + ", in-JVM) + Apicurio Registry " + EmbeddedVersions.apicurio() + " " + registry.url();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
            deleteQuietly(root);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", directory, e);
        }
    }
}
