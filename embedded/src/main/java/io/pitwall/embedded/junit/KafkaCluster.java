package io.pitwall.embedded.junit;

import io.pitwall.embedded.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.Collection;

/**
 * A Kafka cluster with a Confluent-compatible schema registry, as handed to integration tests by
 * {@link KafkaClusterExtension}. Which one it is (external, Testcontainers, embedded) is the
 * extension's choice; tests only see the addresses.
 */
public interface KafkaCluster {

    /** {@code bootstrap.servers} for Kafka clients. */
    String bootstrapServers();

    /** {@code schema.registry.url}: the base URL of a Confluent-compatible schema registry API. */
    String schemaRegistryUrl();

    /** One line saying what this cluster is and where, for logs. */
    String description();

    /**
     * Creates the topics that do not exist yet and waits until every partition has a leader, so that a
     * producer started right after loses nothing (KAFKA-15591).
     */
    default void createTopics(Collection<NewTopic> topics) {
        KafkaTopics.createAndAwaitLeaders(bootstrapServers(), topics, Duration.ofSeconds(30));
    }
}
