package io.pitwall.schemas.serde;

import io.pitwall.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link PitwallAvroSerializer} and {@link PitwallAvroDeserializer} as one Kafka {@link Serde},
 * configured together (Kafka Streams' {@code default.value.serde}, or explicitly in a topology).
 * For the common case of one generated class see {@link PitwallSerdes}.
 *
 * @param <T> type of the values
 */
public class PitwallAvroSerde<T> implements Serde<T> {

    private final PitwallAvroSerializer<T> serializer;
    private final PitwallAvroDeserializer<T> deserializer;

    /** For Kafka's reflective instantiation: the client is created from the configuration. */
    public PitwallAvroSerde() {
        this.serializer = new PitwallAvroSerializer<>();
        this.deserializer = new PitwallAvroDeserializer<>();
    }

    /** Serializer and deserializer share the given client (and so its caches). */
    public PitwallAvroSerde(SchemaRegistryClient client) {
        this.serializer = new PitwallAvroSerializer<>(client);
        this.deserializer = new PitwallAvroDeserializer<>(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
