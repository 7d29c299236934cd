package io.pitwall.ingest.chronocloud.session;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Every ChronoFly numbering's {@link StreamLedger}, shared by all connections of the process: a
 * station that reconnects re-sends what was not confirmed, and that must be recognised whichever
 * connection it arrives on.
 *
 * <p>At most {@code maxStreams} numberings are remembered, least recently used forgotten first (but
 * never one with passings still on their way). The ledger lives in memory: after an ingest restart
 * re-sends of passings that were stored but not yet confirmed reach Kafka a second time, with the same
 * (streamId, streamEpoch, sequence), and the lap processor drops them.
 */
public final class PassingLedger {

    private final int idsPerStream;
    private final int maxStreams;
    private final LongSupplier epochClock;
    private final LinkedHashMap<StreamKey, StreamLedger> streams = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param idsPerStream ids remembered per numbering
     * @param maxStreams   numberings remembered
     * @param clock        source of new epoch values
     */
    public PassingLedger(int idsPerStream, int maxStreams, Clock clock) {
        if (idsPerStream < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("idsPerStream and maxStreams must be positive");
        }
        this.idsPerStream = idsPerStream;
        this.maxStreams = maxStreams;
        this.epochClock = clock::millis;
    }

    /** Decides what to do with a passing; a NEW or PENDING one has {@code listener} among its waiters. */
    public Admission admit(StreamKey key, long id, PassingIdentity identity, ConfirmationListener listener) {
        return stream(key).admit(id, identity, listener);
    }

    /** Records the outcome of a publish started by a NEW admission; returns whom to tell. */
    public List<ConfirmationListener> settle(StreamKey key, long epoch, long id, boolean durable) {
        StreamLedger ledger;
        synchronized (streams) {
            ledger = streams.get(key);
        }
        return ledger == null ? List.of() : ledger.settle(epoch, id, durable);
    }

    /** Numberings currently remembered. */
    public int streams() {
        synchronized (streams) {
            return streams.size();
        }
    }

    private StreamLedger stream(StreamKey key) {
        synchronized (streams) {
            StreamLedger ledger = streams.get(key);
            if (ledger == null) {
                ledger = new StreamLedger(idsPerStream, epochClock);
                streams.put(key, ledger);
                evictBeyondLimit(key);
            }
            return ledger;
        }
    }

    private void evictBeyondLimit(StreamKey keep) {
        Iterator<Map.Entry<StreamKey, StreamLedger>> leastRecentFirst = streams.entrySet().iterator();
        while (streams.size() > maxStreams && leastRecentFirst.hasNext()) {
            Map.Entry<StreamKey, StreamLedger> oldest = leastRecentFirst.next();
            if (!oldest.getKey().equals(keep) && !oldest.getValue().hasPending()) {
                leastRecentFirst.remove();
            }
        }
    }
}
