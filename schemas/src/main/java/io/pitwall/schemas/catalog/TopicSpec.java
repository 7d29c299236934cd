package io.pitwall.schemas.catalog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * One topic of the catalogue: everything a producer, a consumer, the topic-creation step and the
 * Kubernetes {@code KafkaTopic} resources need to agree on.
 *
 * @param name        topic name
 * @param key         what the record key is (always a UTF-8 string)
 * @param format      value encoding
 * @param valueSchema Avro schema of the value for {@link ValueFormat#AVRO} topics, {@code null} otherwise
 * @param valueType   short name of the value type, for documentation
 * @param partitions  partition count at creation
 * @param cleanup     cleanup policy
 * @param retention   retention, or {@code null} for unlimited ({@code retention.ms=-1})
 * @param description what flows on the topic
 */
public record TopicSpec(
        String name,
        String key,
        ValueFormat format,
        Schema valueSchema,
        String valueType,
        int partitions,
        CleanupPolicy cleanup,
        Duration retention,
        String description) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cleanup, "cleanup");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for " + name);
        }
        if (format == ValueFormat.AVRO && valueSchema == null) {
            throw new IllegalArgumentException("Avro topic " + name + " needs a value schema");
        }
    }

    /** Kafka's {@code retention.ms}: -1 for unlimited. */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    public Optional<Schema> avroSchema() {
        return Optional.ofNullable(valueSchema);
    }

    /** Topic-level configs to create the topic with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanup.kafkaName());
        if (cleanup == CleanupPolicy.DELETE) {
            configs.put("retention.ms", Long.toString(retentionMs()));
        }
        return configs;
    }
}
