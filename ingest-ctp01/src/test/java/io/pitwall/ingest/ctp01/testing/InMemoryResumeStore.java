package io.pitwall.ingest.ctp01.testing;

import io.pitwall.ingest.ctp01.resume.ResumeStore;
import io.pitwall.ingest.ctp01.resume.ResumeStore.Position;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A resume store in memory that remembers every save, for unit tests. */
public final class InMemoryResumeStore implements ResumeStore {

    private final Map<StreamKey, Position> positions = new ConcurrentHashMap<>();
    private final List<String> saves = new ArrayList<>();

    public InMemoryResumeStore with(StreamKey key, int sequence) {
        return with(key, new Position(sequence, 0, null));
    }

    public InMemoryResumeStore with(StreamKey key, Position position) {
        positions.put(key, position);
        return this;
    }

    @Override
    public Position position(StreamKey key) {
        return positions.getOrDefault(key, Position.NONE);
    }

    public int sequence(StreamKey key) {
        return position(key).sequence();
    }

    @Override
    public synchronized void save(StreamKey key, Position position) {
        positions.merge(key, position, (old, now) -> old.isAfter(now) ? old : now);
        saves.add(key.location() + "=" + position.sequence() + (position.epoch() > 0 ? "@" + position.epoch() : ""));
    }

    /** Every save as {@code location=sequence[@epoch]}, in order. */
    public synchronized List<String> saves() {
        return List.copyOf(saves);
    }

    @Override
    public void close() {
    }
}
