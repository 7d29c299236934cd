package io.pitwall.ingest.smartrace.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last clock state of each sensor of one venue, so that a sensor's next connection can continue its
 * anchor ({@link SensorClock#offer}) instead of anchoring to a lap that arrived late after an outage.
 *
 * <p>Smartrace sensors carry no identity, so a sensor is its network address within the venue. Two
 * sensors behind one address (NAT) can overwrite each other's state; the clock only takes over a state
 * its counter continues, so that costs a fresh anchor, not a wrong time. Shared by the venue's
 * connections, hence thread-safe.
 *
 * <p>Bounded twice: a state not updated within the retention is forgotten (a sensor clock's drift
 * makes an old anchor less exact than a fresh one), and at most {@code capacity} sensors are kept,
 * the least recently updated out first.
 */
public final class SensorClocks {

    private record Entry(SensorClock.Handover state, long updatedAtMillis) {
    }

    private final long retentionMillis;
    private final int capacity;
    // insertion order is update order (an update re-inserts), so the stalest entries are at the head
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public SensorClocks(Duration retention, int capacity) {
        if (retention.isNegative() || retention.isZero() || capacity < 1) {
            throw new IllegalArgumentException("retention and capacity must be positive");
        }
        this.retentionMillis = retention.toMillis();
        this.capacity = capacity;
    }

    /** The last clock state of the sensor at {@code address}, if updated within the retention. */
    public synchronized Optional<SensorClock.Handover> last(String address, long nowMillis) {
        expire(nowMillis);
        Entry entry = entries.get(address);
        return entry == null ? Optional.empty() : Optional.of(entry.state);
    }

    /** Remembers the clock state of the sensor at {@code address} after a reading. */
    public synchronized void remember(String address, SensorClock.Handover state, long nowMillis) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        entries.remove(address);
        entries.put(address, new Entry(state, nowMillis));
        expire(nowMillis);
        if (entries.size() > capacity) {
            Iterator<String> stalest = entries.keySet().iterator();
            stalest.next();
            stalest.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private void expire(long nowMillis) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().updatedAtMillis >= nowMillis - retentionMillis) {
                return;
            }
            it.remove();
        }
    }
}
