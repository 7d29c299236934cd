package io.pitwall.processor.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link ReorderStore} in plain maps: for tests and for embedding the buffer outside Kafka Streams. */
public final class InMemoryReorderStore implements ReorderStore {

    private final Map<StreamKey, StreamPosition> positions = new HashMap<>();
    private final Map<StreamKey, TreeMap<Long, HeldPassing>> held = new LinkedHashMap<>();

    @Override
    public StreamPosition position(StreamKey stream) {
        StreamPosition position = positions.get(stream);
        return position == null ? null : new StreamPosition(position.nextExpected(), position.missing().copy());
    }

    @Override
    public void putPosition(StreamKey stream, StreamPosition position) {
        positions.put(stream, new StreamPosition(position.nextExpected(), position.missing().copy()));
    }

    @Override
    public boolean isHeld(StreamKey stream, long sequence) {
        TreeMap<Long, HeldPassing> passings = held.get(stream);
        return passings != null && passings.containsKey(sequence);
    }

    @Override
    public void hold(StreamKey stream, HeldPassing passing) {
        held.computeIfAbsent(stream, s -> new TreeMap<>()).put(passing.sequence(), passing);
    }

    @Override
    public void release(StreamKey stream, long sequence) {
        TreeMap<Long, HeldPassing> passings = held.get(stream);
        if (passings != null) {
            passings.remove(sequence);
            if (passings.isEmpty()) {
                held.remove(stream);
            }
        }
    }

    @Override
    public List<HeldPassing> held(StreamKey stream) {
        TreeMap<Long, HeldPassing> passings = held.get(stream);
        return passings == null ? List.of() : new ArrayList<>(passings.values());
    }

    @Override
    public Map<StreamKey, List<HeldPassing>> allHeld() {
        Map<StreamKey, List<HeldPassing>> all = new LinkedHashMap<>();
        held.forEach((stream, passings) -> all.put(stream, new ArrayList<>(passings.values())));
        return all;
    }
}
