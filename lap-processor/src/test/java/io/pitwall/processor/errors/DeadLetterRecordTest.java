package io.pitwall.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKeepTheOriginalBytesAndSayWhereTheyCameFromAndWhy() throws Exception {
        byte[] key = "venue-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = {(byte) 0xff, 0, 1, 2};
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[] {7});
        SerializationException failure = new SerializationException(null, new IllegalStateException("truncated Avro"));

        ProducerRecord<byte[], byte[]> record = DeadLetterRecord.of("pitwall.dead-letter", "pitwall-lap-processor",
                "timing.passings", 4, 1234L, 1_779_022_800_000L, key, value, headers, failure, 1_779_022_800_123L);

        assertThat(record.topic()).isEqualTo("pitwall.dead-letter");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.partition()).as("partitioned by the original key").isNull();
        JsonNode json = JSON.readTree(record.value());
        assertThat(json.get("reason").asText()).as("first message down the causes").isEqualTo("truncated Avro");
        assertThat(json.get("exception").asText()).isEqualTo(SerializationException.class.getName());
        assertThat(json.get("application").asText()).isEqualTo("pitwall-lap-processor");
        assertThat(json.get("topic").asText()).isEqualTo("timing.passings");
        assertThat(json.get("partition").asInt()).isEqualTo(4);
        assertThat(json.get("offset").asLong()).isEqualTo(1234L);
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_779_022_800_000L);
        assertThat(Base64.getDecoder().decode(json.get("valueBase64").asText())).isEqualTo(value);
        assertThat(Base64.getDecoder().decode(json.get("keyBase64").asText())).isEqualTo(key);
        assertThat(json.get("headers").get(0).get("key").asText()).isEqualTo("trace");
        assertThat(Base64.getDecoder().decode(json.get("headers").get(0).get("valueBase64").asText())).containsExactly(7);
        assertThat(json.get("deadLetteredAt").asLong()).isEqualTo(1_779_022_800_123L);
    }

    @Test
    void shouldWriteNullForAMissingKey() throws Exception {
        ProducerRecord<byte[], byte[]> record = DeadLetterRecord.of("dlq", "app", "t", 0, 0L, 0L, null, new byte[] {1},
                null, new SerializationException("bad"), 0L);

        JsonNode json = JSON.readTree(record.value());
        assertThat(json.get("keyBase64").isNull()).isTrue();
        assertThat(json.get("headers")).isEmpty();
    }
}
