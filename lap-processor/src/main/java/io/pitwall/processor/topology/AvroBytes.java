package io.pitwall.processor.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary (no registry, no header) for the processor's own state stores, which only this processor
 * reads. A schema change needs the stores rebuilt from the input topics (the log is the source of truth).
 * Not thread-safe: each processor instance has its own.
 */
final class AvroBytes<T extends SpecificRecord> {

    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    // reused from one record to the next (an instance belongs to one processor, hence to one thread)
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    AvroBytes(Class<T> type) {
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(type);
    }

    byte[] write(T record) {
        try {
            out.reset();
            encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    T read(byte[] bytes, int offset, int length) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
