package io.pitwall.ingest.smartrace.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The crossings of one venue's sensors seen recently, by (line, controller id, sensor timestamp), so
 * that the laps a microcontroller sensor re-sends after a reconnect are recognised and dropped. Shared
 * by all connections of the venue (a re-send arrives on a new connection), hence thread-safe.
 *
 * <p>Bounded twice: entries older than the window are forgotten (a rebooted sensor's counter could
 * repeat an old value much later), and at most {@code capacity} entries are kept, oldest out first.
 * An entry also remembers the crossing's wall-clock time, so a new connection of the same sensor can
 * take over the old anchor ({@link SensorClock#adopt}).
 */
public final class RecentLaps {

    /** Identity of a timestamped crossing as the sensor reports it. */
    public record Key(Line line, int controllerId, long sensorTimestamp) {
        public Key {
            Objects.requireNonNull(line, "line");
        }
    }

    private record Entry(long timeMillis, long seenAtMillis) {
    }

    private final long windowMillis;
    private final int capacity;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    public RecentLaps(Duration window, int capacity) {
        if (window.isNegative() || window.isZero() || capacity < 1) {
            throw new IllegalArgumentException("window and capacity must be positive");
        }
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    /** The crossing time recorded for {@code key}, if it was seen within the window. */
    public synchronized OptionalLong lookup(Key key, long nowMillis) {
        expire(nowMillis);
        Entry entry = entries.get(key);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.timeMillis);
    }

    /**
     * Records {@code key}; false if another connection recorded it first (then it is a duplicate after
     * all).
     */
    public synchronized boolean record(Key key, long timeMillis, long nowMillis) {
        expire(nowMillis);
        if (entries.containsKey(key)) {
            return false;
        }
        entries.put(key, new Entry(timeMillis, nowMillis));
        if (entries.size() > capacity) {
            Iterator<Key> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * Restores a crossing read back from Kafka at startup, seen at {@code seenAtMillis}, so the laps a
     * sensor re-sends when it reconnects to a restarted ingest are recognised too.
     */
    public synchronized void restore(Key key, long timeMillis, long seenAtMillis) {
        entries.putIfAbsent(key, new Entry(timeMillis, seenAtMillis));
        while (entries.size() > capacity) {
            Iterator<Key> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets {@code key}: its passing was not written to Kafka, so the re-send must be accepted. */
    public synchronized void forget(Key key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    // insertion order is arrival order, so the expired entries are at the head
    private void expire(long nowMillis) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().seenAtMillis >= nowMillis - windowMillis) {
                return;
            }
            it.remove();
        }
    }
}
