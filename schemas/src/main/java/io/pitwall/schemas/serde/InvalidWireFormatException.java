package io.pitwall.schemas.serde;

import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka value that is not in the Confluent wire format, so no schema can be found for it. The
 * record is poison for an Avro consumer: dead-letter it, retrying cannot help.
 */
public class InvalidWireFormatException extends SerializationException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_BYTES = 8;

    private final String topic;
    private final String firstBytes;

    public InvalidWireFormatException(String topic, byte[] data, String message) {
        super(message);
        this.topic = topic;
        this.firstBytes = hexPrefix(data);
    }

    /** Topic the value came from, or {@code null} when the caller did not say. */
    public String topic() {
        return topic;
    }

    /** The first bytes of the value in hex, for diagnosis. */
    public String firstBytes() {
        return firstBytes;
    }

    static String where(String topic) {
        return topic == null ? "an unnamed topic" : "topic '" + topic + "'";
    }

    static String hexPrefix(byte[] data) {
        int shown = Math.min(SHOWN_BYTES, data.length);
        String hex = HexFormat.ofDelimiter(" ").formatHex(data, 0, shown);
        return data.length > shown ? hex + " ..." : hex;
    }
}
