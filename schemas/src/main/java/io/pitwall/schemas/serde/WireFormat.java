package io.pitwall.schemas.serde;

import java.io.ByteArrayOutputStream;

/**
 * The Confluent wire format: one magic byte {@code 0}, the schema id as a 4-byte big-endian
 * signed integer, then the Avro binary encoding of the value with that schema. Confluent's
 * serializers and deserializers, Kafka Connect converters, ksqlDB and Pitwall all frame Avro
 * values this way, which is what lets them read each other's topics.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int ID_SIZE = 4;
    /** Bytes before the Avro payload. */
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    /** Writes the magic byte and the schema id. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Schema id of a framed value.
     *
     * @param topic topic the value came from, for the message (may be {@code null})
     * @throws InvalidWireFormatException when the value is shorter than the header
     * @throws UnknownMagicByteException  when the first byte is not {@link #MAGIC_BYTE}
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new InvalidWireFormatException(topic, data, "Could not deserialize a value of " + data.length
                    + " bytes from " + InvalidWireFormatException.where(topic)
                    + ": the Confluent wire format needs at least " + HEADER_SIZE
                    + " bytes (magic byte 0 and a 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, data);
        }
        return ((data[1] & 0xFF) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
    }
}
