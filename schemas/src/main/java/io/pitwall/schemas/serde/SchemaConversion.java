package io.pitwall.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Re-encodes Avro binary written with one schema into the binary of another schema that can read
 * it, by Avro schema resolution (new fields get their defaults, removed fields are dropped, fields
 * are matched by name and aliases). Used by {@code use.latest.version}: the id in the wire format
 * must describe the bytes exactly, so when the latest registered schema differs from the value's
 * own schema the bytes are converted rather than mislabelled. Thread-safe.
 */
final class SchemaConversion {

    private final GenericDatumReader<Object> reader;
    private final GenericDatumWriter<Object> writer;

    SchemaConversion(Schema from, Schema to) {
        // no logical-type conversions: values stay in their Avro representation, bit for bit
        this.reader = new GenericDatumReader<>(from, to, GenericData.get());
        this.writer = new GenericDatumWriter<>(to, GenericData.get());
    }

    void convert(byte[] fromBinary, ByteArrayOutputStream out) throws IOException {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(fromBinary, null);
        Object resolved = reader.read(null, decoder);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(resolved, encoder);
        encoder.flush();
    }
}
