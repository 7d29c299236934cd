package io.pitwall.processor.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.LapEvent;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the lap processor wrote, as any downstream consumer would: {@code read_committed}, so only the
 * output of committed transactions counts (what an aborted or zombie transaction wrote must never show).
 */
final class OutputReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final PitwallAvroDeserializer<LapEvent> lapEvents = new PitwallAvroDeserializer<>();
    private final LapLedger ledger = new LapLedger();
    private final Map<String, JsonNode> states = new HashMap<>();
    private final Map<String, JsonNode> manifests = new HashMap<>();
    private final List<JsonNode> deadLetters = new ArrayList<>();
    private int stateRecords;

    OutputReader(String bootstrapServers, String registryUrl) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        lapEvents.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true,
                "specific.avro.value.type", LapEvent.class), false);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.LAPS.name(), Topics.TIMING71_STATES.name(), Topics.TIMING71_MANIFESTS.name(),
                Topics.DEAD_LETTER.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads whatever is committed and not read yet. */
    OutputReader poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            String topic = record.topic();
            if (topic.equals(Topics.LAPS.name())) {
                ledger.apply(lapEvents.deserialize(topic, record.value()));
            } else if (topic.equals(Topics.TIMING71_STATES.name())) {
                stateRecords++;
                states.put(record.key(), json(record.value()));
            } else if (topic.equals(Topics.TIMING71_MANIFESTS.name())) {
                manifests.put(record.key(), json(record.value()));
            } else {
                deadLetters.add(json(record.value()));
            }
        }
        return this;
    }

    LapLedger ledger() {
        return ledger;
    }

    /** The latest state of a Timing71 service, null if none yet. */
    JsonNode state(String uuid) {
        return states.get(uuid);
    }

    JsonNode manifest(String uuid) {
        return manifests.get(uuid);
    }

    int stateRecords() {
        return stateRecords;
    }

    List<JsonNode> deadLetters() {
        return deadLetters;
    }

    private static JsonNode json(byte[] value) {
        try {
            return Timing71Json.MAPPER.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
        lapEvents.close();
    }
}
