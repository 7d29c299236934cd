package io.pitwall.ingest.lapsnapper;

import io.pitwall.events.DecoderCommand;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.publish.ProducerSettings;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerdeConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka clients the LapSnapper ingest needs besides ingest-core's publisher: a consumer of
 * {@code timing.commands}, a one-off reader of {@code pitwall.ingest-offsets}, and a producer for the JSON side
 * records (stream positions, dead letters). All are built from the same {@code kafka.*} options and
 * {@code schema.registry.*} options as the publisher, so TLS/SASL settings apply to them too.
 *
 * <p>ingest-core builds the equivalent maps for its publisher but does not expose them, hence the few lines
 * repeated here.
 */
final class KafkaClients {

    private final Map<String, Object> client;
    private final Map<String, Object> serde;
    private final String serviceId;

    KafkaClients(Configuration config) {
        this.client = new LinkedHashMap<>(config.passthrough(CommonFields.KAFKA_PREFIX));
        this.client.put("bootstrap.servers", config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        this.serviceId = config.get(CommonFields.SERVICE_ID);
        this.serde = CommonFields.registryClientConfig(config);
    }

    /** Idempotent, acks=all, retried without limit: the same guarantees as the publisher's producer. */
    KafkaProducer<String, byte[]> sideProducer() {
        return new KafkaProducer<>(ProducerSettings.producer(client, serviceId + "-lapsnapper-side", "lz4",
                Duration.ofMillis(5)));
    }

    /** A consumer in the given group; {@code null} for a group-less consumer that only assigns partitions. */
    KafkaConsumer<String, byte[]> consumer(String clientIdSuffix, String groupId) {
        Set<String> known = ConsumerConfig.configNames();
        Map<String, Object> props = new LinkedHashMap<>();
        client.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, serviceId + "-" + clientIdSuffix);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // race control may write commands in transactions: never act on an aborted one
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(props);
    }

    /** Reads {@code DecoderCommand}s in the Confluent wire format, as the generated class. */
    PitwallAvroDeserializer<DecoderCommand> commandDeserializer() {
        Map<String, Object> config = new LinkedHashMap<>(serde);
        config.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        config.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, DecoderCommand.class.getName());
        PitwallAvroDeserializer<DecoderCommand> deserializer = new PitwallAvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }
}
