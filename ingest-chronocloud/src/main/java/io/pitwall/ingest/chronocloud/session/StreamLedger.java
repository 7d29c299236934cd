package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.chronocloud.session.Admission.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The recent passings of one (station, competition, round), by id: stored in Kafka, or on their way.
 *
 * <p>ChronoFly zeroes its ids when the round changes (a new {@link StreamKey}) or when its tables are
 * cleared (same key). The second case shows as an id that is already known but arrives with a
 * different transponder or time. The ledger then starts a new <em>epoch</em>: the passing goes to
 * Kafka with a new {@code streamEpoch}, so the lap processor's dedupe on (stream, epoch, sequence)
 * does not drop it as a repeat of the old numbering. The previous epoch's entries are kept, so that a
 * late re-send of an old passing is still recognised.
 *
 * <p>Epoch values are 0 for the first numbering and then the wall-clock millisecond at which the
 * restart was seen (at least the previous epoch + 1): unique across ingest restarts, unlike a counter.
 *
 * <p>Memory is bounded: at most {@code window} ids per epoch are remembered; the oldest stored ones
 * are forgotten first. Entries still on their way are never dropped (the publisher bounds how many
 * there can be). Forgetting only means a very late re-send is published again, and the lap
 * processor drops that duplicate.
 *
 * <p>Thread-safe: connections on different event loops and the publisher's callback thread meet here.
 */
final class StreamLedger {

    private final int window;
    private final LongSupplier epochClock;

    private long epoch;
    private LinkedHashMap<Long, Entry> current = new LinkedHashMap<>();
    private long previousEpoch = -1;
    private Map<Long, Entry> previous = Map.of();
    /** Pending entries of epochs older than the previous one, kept only until they settle. */
    private final Map<EpochId, Entry> retired = new HashMap<>();
    private int pending;

    StreamLedger(int window, LongSupplier epochClock) {
        this.window = window;
        this.epochClock = epochClock;
    }

    synchronized Admission admit(long id, PassingIdentity identity, ConfirmationListener listener) {
        Entry known = current.get(id);
        if (known != null && known.identity.equals(identity)) {
            return duplicate(known, epoch, listener);
        }
        Entry older = previous.get(id);
        if (older != null && older.identity.equals(identity)) {
            return duplicate(older, previousEpoch, listener);
        }
        boolean epochStarted = false;
        if (known != null) {
            startEpoch();
            epochStarted = true;
        }
        Entry entry = new Entry(identity);
        entry.waiters.add(listener);
        current.put(id, entry);
        pending++;
        trim();
        return new Admission(Verdict.NEW, epoch, true, epochStarted);
    }

    /**
     * Records the outcome of publishing passing {@code id} of {@code epochOfPassing}: stored, or (not
     * durable) forgotten so the next re-send is published again.
     *
     * @return the listeners to tell, each once
     */
    synchronized List<ConfirmationListener> settle(long epochOfPassing, long id, boolean durable) {
        Map<Long, Entry> entries = epochOfPassing == epoch ? current
                : epochOfPassing == previousEpoch ? previous : Map.of();
        Entry entry = entries.get(id);
        boolean fromRetired = false;
        if (entry == null) {
            entry = retired.remove(new EpochId(epochOfPassing, id));
            fromRetired = true;
        }
        if (entry == null || entry.stored) {
            return List.of();
        }
        List<ConfirmationListener> waiters = entry.waiters;
        entry.waiters = new ArrayList<>(0);
        pending--;
        if (durable) {
            entry.stored = true;
            trim();
        } else if (!fromRetired) {
            entries.remove(id);
        }
        return waiters;
    }

    /** Whether passings are still on their way (such a ledger must not be forgotten). */
    synchronized boolean hasPending() {
        return pending > 0;
    }

    synchronized long epoch() {
        return epoch;
    }

    synchronized int size() {
        return current.size();
    }

    private Admission duplicate(Entry entry, long entryEpoch, ConfirmationListener listener) {
        if (entry.stored) {
            return new Admission(Verdict.STORED, entryEpoch, false, false);
        }
        // the same connection re-sending while it waits must not wait twice
        boolean added = entry.waiters.stream().noneMatch(w -> w == listener);
        if (added) {
            entry.waiters.add(listener);
        }
        return new Admission(Verdict.PENDING, entryEpoch, added, false);
    }

    private void startEpoch() {
        // the epoch before the previous one is forgotten, except passings still on their way: their
        // connections wait for the outcome
        for (Map.Entry<Long, Entry> e : previous.entrySet()) {
            if (!e.getValue().stored) {
                retired.put(new EpochId(previousEpoch, e.getKey()), e.getValue());
            }
        }
        previous = current;
        previousEpoch = epoch;
        current = new LinkedHashMap<>();
        epoch = Math.max(epoch + 1, epochClock.getAsLong());
    }

    private void trim() {
        if (current.size() <= window) {
            return;
        }
        Iterator<Entry> oldestFirst = current.values().iterator();
        while (current.size() > window && oldestFirst.hasNext()) {
            if (oldestFirst.next().stored) {
                oldestFirst.remove();
            }
        }
    }

    private record EpochId(long epoch, long id) {
    }

    /** One remembered passing; guarded by the ledger's lock. */
    private static final class Entry {
        final PassingIdentity identity;
        boolean stored;
        List<ConfirmationListener> waiters = new ArrayList<>(1);

        Entry(PassingIdentity identity) {
            this.identity = identity;
        }
    }
}
