package io.pitwall.processor.topology;

import io.pitwall.events.Passing;
import io.pitwall.processor.codec.AvroBytes;
import io.pitwall.processor.stream.HeldPassing;
import io.pitwall.processor.stream.ReorderStore;
import io.pitwall.processor.stream.StoreKeys;
import io.pitwall.processor.stream.StreamKey;
import io.pitwall.processor.stream.StreamPosition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reorder buffer's state in two Kafka Streams stores: stream positions, and held passings keyed
 * (venue, stream, epoch, sequence) with fixed-width big-endian numbers so a range scan yields one stream's
 * passings in sequence order.
 */
final class KeyValueReorderStore implements ReorderStore {

    private final AvroBytes<Passing> passings = new AvroBytes<>(Passing.class);

    private static final int MAX_CACHED_KEYS = 10_000;

    private final KeyValueStore<Bytes, byte[]> positions;
    private final KeyValueStore<Bytes, byte[]> held;
    /**
     * How many passings each stream has held, kept in memory (this class is the only writer of the store):
     * almost every passing arrives in order, and a range scan of the store to find nothing held behind it cost
     * more than the rest of the reorder step.
     */
    private final Map<StreamKey, Integer> heldCounts = new HashMap<>();
    /** What this class knows of each stream it has seen lately: its key bytes and its position as last written. */
    private final Map<StreamKey, KnownStream> known = new HashMap<>();

    /**
     * A stream's store key, built once rather than twice per passing, and its position as last written (this class
     * is the only writer): read once per passing, and decoding it from the store for each one cost more than the
     * write. Null until read or written.
     */
    private static final class KnownStream {
        final Bytes key;
        StreamPosition position;

        KnownStream(Bytes key) {
            this.key = key;
        }
    }

    KeyValueReorderStore(KeyValueStore<Bytes, byte[]> positions, KeyValueStore<Bytes, byte[]> held) {
        this.positions = positions;
        this.held = held;
        try (KeyValueIterator<Bytes, byte[]> it = held.all()) {
            while (it.hasNext()) {
                heldCounts.merge(StoreKeys.streamOf(it.next().key.get()), 1, Integer::sum);
            }
        }
    }

    @Override
    public StreamPosition position(StreamKey stream) {
        KnownStream entry = known(stream);
        if (entry.position == null) {
            byte[] value = positions.get(entry.key);
            entry.position = value == null ? null : StreamPosition.fromBytes(value);
        }
        return entry.position;
    }

    @Override
    public void putPosition(StreamKey stream, StreamPosition position) {
        KnownStream entry = known(stream);
        positions.put(entry.key, position.toBytes());
        entry.position = position;
    }

    private KnownStream known(StreamKey stream) {
        KnownStream entry = known.get(stream);
        if (entry == null) {
            if (known.size() >= MAX_CACHED_KEYS) {
                known.clear(); // streams come and go (new epochs); the live ones come back at once
            }
            entry = new KnownStream(Bytes.wrap(StoreKeys.stream(stream)));
            known.put(stream, entry);
        }
        return entry;
    }

    @Override
    public boolean isHeld(StreamKey stream, long sequence) {
        return held.get(Bytes.wrap(StoreKeys.sequence(stream, sequence))) != null;
    }

    @Override
    public void hold(StreamKey stream, HeldPassing passing) {
        byte[] avro = passings.write(passing.passing());
        byte[] value = ByteBuffer.allocate(8 + avro.length).putLong(passing.heldSinceMillis()).put(avro).array();
        Bytes key = Bytes.wrap(StoreKeys.sequence(stream, passing.sequence()));
        if (held.get(key) == null) {
            heldCounts.merge(stream, 1, Integer::sum);
        }
        held.put(key, value);
    }

    @Override
    public void release(StreamKey stream, long sequence) {
        if (held.delete(Bytes.wrap(StoreKeys.sequence(stream, sequence))) != null) {
            heldCounts.computeIfPresent(stream, (s, count) -> count == 1 ? null : count - 1);
        }
    }

    @Override
    public List<HeldPassing> held(StreamKey stream) {
        if (!heldCounts.containsKey(stream)) {
            return List.of();
        }
        byte[] prefix = StoreKeys.stream(stream);
        byte[] end = StoreKeys.endOfPrefix(prefix);
        List<HeldPassing> result = new ArrayList<>();
        // the upper bound of range() is inclusive; no held key equals 'end' (held keys are longer)
        try (KeyValueIterator<Bytes, byte[]> it = held.range(Bytes.wrap(prefix), Bytes.wrap(end))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (entry.key.get().length == prefix.length + 8) {
                    result.add(decode(entry));
                }
            }
        }
        return result;
    }

    @Override
    public Map<StreamKey, List<HeldPassing>> allHeld() {
        Map<StreamKey, List<HeldPassing>> all = new LinkedHashMap<>();
        if (heldCounts.isEmpty()) {
            return all;
        }
        try (KeyValueIterator<Bytes, byte[]> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                all.computeIfAbsent(StoreKeys.streamOf(entry.key.get()), s -> new ArrayList<>()).add(decode(entry));
            }
        }
        return all;
    }

    private HeldPassing decode(KeyValue<Bytes, byte[]> entry) {
        ByteBuffer value = ByteBuffer.wrap(entry.value);
        long heldSince = value.getLong();
        byte[] avro = new byte[value.remaining()];
        value.get(avro);
        return new HeldPassing(StoreKeys.sequenceOf(entry.key.get()), passings.read(avro), heldSince);
    }
}
