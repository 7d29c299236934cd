/**
 * Kafka serializer, deserializer and serde for Avro in the Confluent wire format (magic byte 0,
 * 4-byte big-endian schema id, Avro binary), configured with Confluent's keys
 * ({@link io.pitwall.schemas.serde.PitwallAvroSerdeConfig}). Start with
 * {@link io.pitwall.schemas.serde.PitwallSerdes}.
 */
package io.pitwall.schemas.serde;
