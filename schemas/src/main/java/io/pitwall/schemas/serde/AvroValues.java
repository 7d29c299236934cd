package io.pitwall.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro schema of a value handed to the serializer: records and other Avro containers carry
 * their schema; Java primitives map to Avro primitives as in Confluent's serializer, so a Confluent
 * consumer reads them back.
 */
final class AvroValues {

    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroValues() {
    }

    static Schema schemaOf(Object value, String topic) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        throw new SerializationException("Could not serialize a " + value.getClass().getName() + " for "
                + InvalidWireFormatException.where(topic) + ": the Avro serializer takes generated SpecificRecords,"
                + " GenericRecords (or other Avro containers) and the primitives String, Integer, Long, Boolean,"
                + " Float, Double, byte[] and ByteBuffer");
    }

    /** The value as Avro's datum writers expect it (bytes as a ByteBuffer). */
    static Object toDatum(Object value) {
        return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    }

    /** A top-level datum as Confluent's deserializer returns it: Utf8 as String, bytes as byte[]. */
    static Object fromDatum(Object datum) {
        if (datum instanceof org.apache.avro.util.Utf8 utf8) {
            return utf8.toString();
        }
        if (datum instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return datum;
    }
}
