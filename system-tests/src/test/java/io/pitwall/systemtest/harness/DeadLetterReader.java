package io.pitwall.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code pitwall.dead-letter} from the beginning with {@code read_committed} (the lap-processor writes its
 * dead letters in its transactions) and parses each value, the JSON every service writes there. Not thread-safe.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<DeadLetter> letters = new ArrayList<>();

    public DeadLetterReader(PipelineCluster cluster) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.DEAD_LETTER.name(), Duration.ofSeconds(60))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what is committed and not read yet; returns every dead letter so far. */
    public List<DeadLetter> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                JsonNode json = JSON.readTree(record.value());
                String value = json.path("valueBase64").isTextual() ? json.path("valueBase64").asText() : null;
                letters.add(new DeadLetter(record.key(), json.path("topic").asText(), json.path("reason").asText(),
                        json.path("exception").asText(), json.path("application").asText(),
                        value == null ? null : Base64.getDecoder().decode(value)));
            } catch (IOException e) {
                throw new UncheckedIOException("a dead letter that is not JSON: "
                        + new String(record.value(), StandardCharsets.UTF_8), e);
            }
        }
        return List.copyOf(letters);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** One dead letter: the original key, source topic and bytes, and why it could not be read. */
    public record DeadLetter(String key, String topic, String reason, String exception, String application,
                             byte[] value) {
    }
}
