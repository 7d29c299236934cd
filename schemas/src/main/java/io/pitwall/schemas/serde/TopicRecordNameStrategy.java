package io.pitwall.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/** Subject {@code <topic>-<record full name>}: one lineage per record type per topic. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        if (topic == null) {
            throw new SerializationException("TopicRecordNameStrategy needs the topic name to pick the subject of "
                    + schema.getFullName() + ", but the caller passed none");
        }
        return topic + "-" + schema.getFullName();
    }
}
