package io.pitwall.ingest.ctp01.resume;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link StreamProgress} of every stream this process has seen, created on first use from the
 * position the {@link ResumeStore} holds. One per process: a client that reconnects, even to
 * another event loop, finds its streams' state here.
 */
public final class ResumeTracker {

    private final ResumeStore store;
    private final ConcurrentMap<StreamKey, StreamProgress> streams = new ConcurrentHashMap<>();

    public ResumeTracker(ResumeStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public StreamProgress progress(StreamKey key) {
        return streams.computeIfAbsent(key, k -> new StreamProgress(k, store.position(k), store));
    }

    public Collection<StreamProgress> streams() {
        return List.copyOf(streams.values());
    }

    /** Events admitted and not yet acknowledged or failed, over all streams. */
    public int unsettled() {
        return streams.values().stream().mapToInt(StreamProgress::unsettled).sum();
    }

    /**
     * Waits until every admitted event is settled (so its position is handed to the store), at most
     * {@code timeout}.
     *
     * @return whether everything settled in time
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unsettled() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
