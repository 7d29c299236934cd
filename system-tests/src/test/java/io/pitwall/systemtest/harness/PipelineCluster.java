package io.pitwall.systemtest.harness;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.nio.file.Path;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import io.pitwall.schemas.serde.TopicNameStrategy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of a system test: a real Kafka broker in a child JVM (so it can be SIGKILLed and
 * restarted on the same port and data) and a real Apicurio registry, with every catalogue topic created.
 * One per test class: starting it costs 10-20 s on a busy 2-core machine.
 */
public final class PipelineCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineCluster.class);

    private final Path dir;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;

    private PipelineCluster(Path dir, EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.dir = dir;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts broker and registry side by side under {@code dir} and creates the topic catalogue. */
    public static PipelineCluster start(Path dir) {
        return start(dir, List.of());
    }

    /**
     * As {@link #start(Path)}, the broker's JVM started with {@code brokerJvmOptions} instead of the embedded
     * module's test defaults (small heap, C1 only) when not empty, e.g. a deployment's settings for a benchmark.
     */
    public static PipelineCluster start(Path dir, List<String> brokerJvmOptions) {
        long started = System.nanoTime();
        EmbeddedKafka.Builder broker = EmbeddedKafka.builder(dir.resolve("kafka")).mode(EmbeddedKafka.Mode.CHILD_PROCESS);
        if (!brokerJvmOptions.isEmpty()) {
            broker.childJvmOptions(brokerJvmOptions);
        }
        EmbeddedKafka kafka = broker.build();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(dir.resolve("registry")).build();
        CompletableFuture<EmbeddedSchemaRegistry> registryUp = CompletableFuture.supplyAsync(registry::start);
        try {
            kafka.start();
            registryUp.join();
        } catch (RuntimeException e) {
            registry.close();
            kafka.close();
            throw e;
        }
        PipelineCluster cluster = new PipelineCluster(dir, kafka, registry);
        cluster.createCatalogueTopics();
        cluster.registerCatalogueSchemas();
        LOG.info("pipeline cluster ready in {} ms: Kafka {} (child process), registry {}",
                (System.nanoTime() - started) / 1_000_000, kafka.bootstrapServers(), registry.url());
        return cluster;
    }

    private void createCatalogueTopics() {
        List<NewTopic> topics = Topics.ALL.stream()
                .map((TopicSpec spec) -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                .toList();
        kafka.createTopics(topics);
    }

    /**
     * Registers every catalogue topic's value schema, as a deployment's pipeline would before the services start.
     * Without it, services starting together race to register the first version of a subject, and the registry
     * can refuse one of the concurrent registrations as incompatible (seen: an ingest's first passing lost; see
     * the module README).
     */
    private void registerCatalogueSchemas() {
        SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
        TopicNameStrategy subjects = new TopicNameStrategy();
        for (TopicSpec spec : Topics.ALL) {
            spec.avroSchema().ifPresent(schema -> client.register(subjects.subjectName(spec.name(), false, schema),
                    schema));
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Confluent-compatible URL, as every service's {@code schema.registry.url}. */
    public String registryUrl() {
        return registry.url();
    }

    /** Where services, logs and state directories of this test class live. */
    public Path dir() {
        return dir;
    }

    /** SIGKILL of the broker, as a crash would; returns once it is gone. */
    public void killBroker() {
        kafka.kill();
    }

    /** Starts the broker again on the same port and data; returns once it answers. */
    public void restartBroker() {
        kafka.start();
    }

    public boolean brokerRunning() {
        return kafka.isRunning();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            registry.close();
        }
    }
}
