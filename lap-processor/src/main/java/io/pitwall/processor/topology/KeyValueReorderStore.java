package io.pitwall.processor.topology;

import io.pitwall.events.Passing;
import io.pitwall.processor.stream.HeldPassing;
import io.pitwall.processor.stream.ReorderStore;
import io.pitwall.processor.stream.StoreKeys;
import io.pitwall.processor.stream.StreamKey;
import io.pitwall.processor.stream.StreamPosition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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

    private final KeyValueStore<Bytes, byte[]> positions;
    private final KeyValueStore<Bytes, byte[]> held;

    KeyValueReorderStore(KeyValueStore<Bytes, byte[]> positions, KeyValueStore<Bytes, byte[]> held) {
        this.positions = positions;
        this.held = held;
    }

    @Override
    public StreamPosition position(StreamKey stream) {
        byte[] value = positions.get(Bytes.wrap(StoreKeys.stream(stream)));
        return value == null ? null : StreamPosition.fromBytes(value);
    }

    @Override
    public void putPosition(StreamKey stream, StreamPosition position) {
        positions.put(Bytes.wrap(StoreKeys.stream(stream)), position.toBytes());
    }

    @Override
    public boolean isHeld(StreamKey stream, long sequence) {
        return held.get(Bytes.wrap(StoreKeys.sequence(stream, sequence))) != null;
    }

    @Override
    public void hold(StreamKey stream, HeldPassing passing) {
        byte[] avro = passings.write(passing.passing());
        byte[] value = ByteBuffer.allocate(8 + avro.length).putLong(passing.heldSinceMillis()).put(avro).array();
        held.put(Bytes.wrap(StoreKeys.sequence(stream, passing.sequence())), value);
    }

    @Override
    public void release(StreamKey stream, long sequence) {
        held.delete(Bytes.wrap(StoreKeys.sequence(stream, sequence)));
    }

    @Override
    public List<HeldPassing> held(StreamKey stream) {
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
