package io.pitwall.processor.timing;

import io.pitwall.events.Passing;
import io.pitwall.processor.timing.lap.PassingKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The session's passings by key, each kept as its Avro binary rather than as objects. Timing reads a passing
 * through its {@link io.pitwall.processor.timing.lap.Crossing}; the passing itself is needed again only when a
 * second version of it arrives or the configuration changes. Held as objects (strings, instants, an attribute
 * map: some twenty objects each) the passings of a long session were most of the heap, and the garbage
 * collector copied every one of them on its way to the old generation. Not thread-safe.
 */
final class PassingArchive {

    private final Map<PassingKey, byte[]> byKey = new HashMap<>();
    private final SpecificDatumWriter<Passing> writer = new SpecificDatumWriter<>(Passing.class);
    private final SpecificDatumReader<Passing> reader = new SpecificDatumReader<>(Passing.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    boolean contains(PassingKey key) {
        return byKey.containsKey(key);
    }

    /** The passing stored under {@code key}, or null. */
    Passing get(PassingKey key) {
        byte[] bytes = byKey.get(key);
        return bytes == null ? null : decode(bytes);
    }

    void put(PassingKey key, Passing passing) {
        byKey.put(key, encode(passing));
    }

    int size() {
        return byKey.size();
    }

    /** Every passing, decoded (a configuration change re-reads them all). */
    List<Passing> all() {
        List<Passing> all = new ArrayList<>(byKey.size());
        for (byte[] bytes : byKey.values()) {
            all.add(decode(bytes));
        }
        return all;
    }

    private byte[] encode(Passing passing) {
        try {
            out.reset();
            encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
            writer.write(passing, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a passing", e);
        }
    }

    private Passing decode(byte[] bytes) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a stored passing", e);
        }
    }
}
