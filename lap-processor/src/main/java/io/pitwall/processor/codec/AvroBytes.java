package io.pitwall.processor.codec;

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
 * Plain Avro binary (no registry, no header) for what only this processor reads: its state stores and the passings
 * a timing session keeps. A schema change needs the stores rebuilt from the input topics (the log is the source of
 * truth). Reuses its encoder, decoder and buffer from one record to the next, so it is not thread-safe: each
 * processor instance and each session has its own.
 */
public final class AvroBytes<T extends SpecificRecord> {

    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    // reused from one record to the next (an instance belongs to one processor, hence to one thread)
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroBytes(Class<T> type) {
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(type);
    }

    public byte[] write(T record) {
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

    public T read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    public T read(byte[] bytes, int offset, int length) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
