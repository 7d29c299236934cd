package io.pitwall.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Subject {@code <topic>-value} or {@code <topic>-key}: one schema lineage per topic. The default,
 * as in Confluent's serializer; it makes the registry enforce compatibility per topic.
 */
public final class TopicNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        if (topic == null) {
            throw new SerializationException("TopicNameStrategy needs the topic name to pick the subject of "
                    + schema.getFullName() + ", but the caller passed none");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
