package io.pitwall.schemas.serde;

import org.apache.avro.Schema;

/**
 * Chooses the registry subject a schema is registered and looked up under, like Confluent's
 * {@code SubjectNameStrategy}. Configured with {@code key.subject.name.strategy} and
 * {@code value.subject.name.strategy}; see {@link SubjectNameStrategies} for the names accepted.
 */
@FunctionalInterface
public interface SubjectNameStrategy {

    /**
     * @param topic  topic being written (may be {@code null} for callers outside a producer)
     * @param isKey  whether the value is a record key
     * @param schema schema of the value
     */
    String subjectName(String topic, boolean isKey, Schema schema);
}
