package io.pitwall.schemas.catalog;

/** How the values of a topic are encoded. */
public enum ValueFormat {
    /** Avro binary in the Confluent wire format (magic byte 0, 4-byte schema id, payload). */
    AVRO,
    /** UTF-8 JSON text (Timing71 state and manifests are JSON by nature). */
    JSON
}
