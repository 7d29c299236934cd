package io.pitwall.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry reports it.
 *
 * @param subject subject name
 * @param id      global schema id, the one written into the Confluent wire format
 * @param version version of the schema within the subject (1, 2, ...)
 * @param schema  the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
