package io.pitwall.schemas.serde;

import org.apache.avro.Schema;

/**
 * Subject = the record's full name ({@code io.pitwall.events.Passing}): one schema lineage per
 * record type, whatever topic it is written to. Lets one topic carry several record types.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
