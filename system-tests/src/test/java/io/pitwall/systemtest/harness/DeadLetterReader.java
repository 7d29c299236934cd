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
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code pitwall.dead-letter} from the beginning with {@code read_committed} (the lap-processor writes its
 * dead letters in its transactions) and parses each value, the JSON every service writes there. Not thread-safe.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicFromStart topic;
    private final List<DeadLetter> letters = new ArrayList<>();

    public DeadLetterReader(PipelineCluster cluster) {
        topic = new TopicFromStart(cluster, Topics.DEAD_LETTER.name(), true);
    }

    /** Reads what is committed and not read yet; returns every dead letter so far. */
    public List<DeadLetter> poll() {
        for (ConsumerRecord<String, byte[]> record : topic.poll(Duration.ofMillis(200))) {
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
        topic.close();
    }

    /** One dead letter: the original key, source topic and bytes, and why it could not be read. */
    public record DeadLetter(String key, String topic, String reason, String exception, String application,
                             byte[] value) {
    }
}
