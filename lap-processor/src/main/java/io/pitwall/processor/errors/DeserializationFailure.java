package io.pitwall.processor.errors;

import io.pitwall.schemas.registry.InvalidSchemaException;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.registry.SchemaRegistryException;

/**
 * Why a record could not be read, and therefore what to do with it.
 *
 * <p>Only a failure that is the record's own fault may send it to the dead-letter topic. When the registry
 * is unreachable or refuses our credentials, every record would fail the same way: dead-lettering them
 * would empty the input into the dead-letter topic while the data is fine. Those fail the stream thread
 * instead, which retries the same record (see {@link StreamThreadFailurePolicy}).
 */
public enum DeserializationFailure {

    /** The bytes are not a record we can read: not the wire format, an unknown schema id, broken Avro. */
    POISON,
    /** The registry did not answer or failed (5xx, 429): the same record will read fine later. */
    REGISTRY_UNAVAILABLE,
    /** The registry refused us (credentials, wrong URL path): a configuration problem, not the record's. */
    REGISTRY_REFUSED;

    /** Causes deeper than this are not followed (a cycle or a pathological chain). */
    private static final int MAX_DEPTH = 16;

    public static DeserializationFailure of(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                if (registry.isRetriable()) {
                    return REGISTRY_UNAVAILABLE;
                }
                // the registry answered about this record's schema id: the id or the schema is bad
                if (registry instanceof SchemaNotFoundException || registry instanceof InvalidSchemaException) {
                    return POISON;
                }
                return REGISTRY_REFUSED;
            }
        }
        return POISON;
    }

    public boolean deadLetter() {
        return this == POISON;
    }
}
