package io.pitwall.processor.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The JSON written to {@code pitwall.dead-letter} for a record that could not be read (or, with a
 * {@code "stack"}, one that made the timing engine fail):
 * <pre>{@code
 * {"reason":"Unknown magic byte 0x7b ...","exception":"io.pitwall.schemas.serde.UnknownMagicByteException",
 *  "application":"pitwall-lap-processor","topic":"timing.passings","partition":3,"offset":1234,
 *  "timestamp":1779022800000,"keyBase64":"dmVudWUtMQ==","valueBase64":"eyJ2ZW51ZSI6...",
 *  "headers":[{"key":"trace","valueBase64":"..."}],"deadLetteredAt":1779022800123}
 * }</pre>
 * The original key and value are kept byte for byte (base64; {@code null} when absent), so the record can be
 * repaired and produced again. The dead-letter record is keyed by the original key.
 */
public final class DeadLetterRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private DeadLetterRecord() {
    }

    /**
     * @param application the Kafka Streams application (or service) that could not read the record
     * @param failure     what went wrong
     */
    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String application, String topic,
                                                    int partition, long offset, long timestamp, byte[] key,
                                                    byte[] value, Headers headers, Throwable failure,
                                                    long nowMillis) {
        ObjectNode json = json(application, topic, partition, offset, timestamp, key, value, headers, failure,
                nowMillis);
        // the timestamp is left to the producer (now): the topic's 30-day retention counts from the dead-lettering
        return new ProducerRecord<>(deadLetterTopic, null, key, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The JSON for a record that could be read but made the processing fail: the same fields, plus
     * {@code "stack"}, the first {@code stackLines} lines of the failure's stack trace (where a bug is found).
     * {@code partition} and {@code offset} are -1 when the input did not come straight from a topic.
     */
    public static byte[] ofProcessingFailure(String application, String topic, int partition, long offset,
                                             long timestamp, byte[] key, byte[] value, Headers headers,
                                             Throwable failure, int stackLines, long nowMillis) {
        ObjectNode json = json(application, topic, partition, offset, timestamp, key, value, headers, failure,
                nowMillis);
        ArrayNode stack = json.putArray("stack");
        stack.add(failure.toString());
        StackTraceElement[] trace = failure.getStackTrace();
        for (int i = 0; i < trace.length && i < stackLines - 1; i++) {
            stack.add("at " + trace[i]);
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode json(String application, String topic, int partition, long offset, long timestamp,
                                   byte[] key, byte[] value, Headers headers, Throwable failure, long nowMillis) {
        ObjectNode json = JSON.createObjectNode();
        json.put("reason", reason(failure));
        json.put("exception", failure.getClass().getName());
        json.put("application", application);
        json.put("topic", topic);
        json.put("partition", partition);
        json.put("offset", offset);
        json.put("timestamp", timestamp);
        json.put("keyBase64", key == null ? null : BASE64.encodeToString(key));
        json.put("valueBase64", value == null ? null : BASE64.encodeToString(value));
        ArrayNode headerList = json.putArray("headers");
        if (headers != null) {
            for (Header header : headers) {
                ObjectNode h = headerList.addObject();
                h.put("key", header.key());
                h.put("valueBase64", header.value() == null ? null : BASE64.encodeToString(header.value()));
            }
        }
        json.put("deadLetteredAt", nowMillis);
        return json;
    }

    /** The failure's message, or the first message down its causes (some wrappers have none). */
    static String reason(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
