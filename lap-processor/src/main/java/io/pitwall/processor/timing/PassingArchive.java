package io.pitwall.processor.timing;

import io.pitwall.events.Passing;
import io.pitwall.processor.codec.AvroBytes;
import io.pitwall.processor.timing.lap.PassingKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's passings by key, each kept as its Avro binary rather than as objects. Timing reads a passing
 * through its {@link io.pitwall.processor.timing.lap.Crossing}; the passing itself is needed again only when a
 * second version of it arrives or the configuration changes. Held as objects (strings, instants, an attribute
 * map: some twenty objects each) the passings of a long session were most of the heap, and the garbage
 * collector copied every one of them on its way to the old generation. Not thread-safe.
 */
final class PassingArchive {

    private final Map<PassingKey, byte[]> byKey = new HashMap<>();
    private final AvroBytes<Passing> avro = new AvroBytes<>(Passing.class);

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

    /** Stores a passing already encoded by {@link AvroBytes} (the bytes are kept, not copied). */
    void put(PassingKey key, byte[] avroBinary) {
        byKey.put(key, avroBinary);
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
        return avro.write(passing);
    }

    private Passing decode(byte[] bytes) {
        return avro.read(bytes);
    }
}
