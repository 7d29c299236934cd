package io.pitwall.ingest.lapsnapper.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.schemas.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a command record nobody can read to {@code pitwall.dead-letter}, in the JSON shape the lap processor
 * uses (reason, exception, application, origin topic/partition/offset/timestamp, key and value in base64,
 * headers, deadLetteredAt), keyed by the original key. Then the consumer moves on: a poison record must never
 * stop remote control for every venue behind it.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Producer<String, byte[]> producer;
    private final String application;
    private final LongSupplier wallClockMillis;
    private final Consumer<String> deadLetteredForVenue;

    /**
     * @param deadLetteredForVenue told the record key (a venue this ingest serves) of each dead-lettered record,
     *                             for the metric
     */
    public DeadLetters(Producer<String, byte[]> producer, String application, LongSupplier wallClockMillis,
                       Consumer<String> deadLetteredForVenue) {
        this.producer = producer;
        this.application = application;
        this.wallClockMillis = wallClockMillis;
        this.deadLetteredForVenue = deadLetteredForVenue;
    }

    public void write(ConsumerRecord<String, byte[]> record, Throwable failure) {
        LOG.error("Command record {}-{}@{} (key {}) cannot be read and goes to {}: {}", record.topic(),
                record.partition(), record.offset(), record.key(), Topics.DEAD_LETTER.name(), failure.toString());
        deadLetteredForVenue.accept(record.key());
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), record.key(), json(record, failure)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.error("Could not dead-letter command record {}-{}@{}: {}", record.topic(),
                                record.partition(), record.offset(), error.toString());
                    }
                });
    }

    byte[] json(ConsumerRecord<String, byte[]> record, Throwable failure) {
        ObjectNode json = JSON.createObjectNode();
        json.put("reason", reason(failure));
        json.put("exception", failure.getClass().getName());
        json.put("application", application);
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp());
        json.put("keyBase64", record.key() == null ? null
                : BASE64.encodeToString(record.key().getBytes(StandardCharsets.UTF_8)));
        json.put("valueBase64", record.value() == null ? null : BASE64.encodeToString(record.value()));
        ArrayNode headers = json.putArray("headers");
        for (Header header : record.headers()) {
            ObjectNode h = headers.addObject();
            h.put("key", header.key());
            h.put("valueBase64", header.value() == null ? null : BASE64.encodeToString(header.value()));
        }
        json.put("deadLetteredAt", wallClockMillis.getAsLong());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
