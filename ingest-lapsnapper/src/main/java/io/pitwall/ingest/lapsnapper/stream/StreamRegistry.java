package io.pitwall.ingest.lapsnapper.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch trackers of every stream the ingest has seen, seeded from the stored positions, and the checkpointer
 * that writes positions back: at once when an epoch starts (that is the fact a restart must not lose), otherwise
 * every {@code interval} for streams that moved, and a last time on {@link #close()}.
 *
 * <p>Saving runs on its own thread because a Kafka producer's {@code send} can block while Kafka is unreachable,
 * and the callers are Netty event loops.
 */
public final class StreamRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    private final StreamPositionStore store;
    private final LongSupplier wallClockMillis;
    private final Map<StreamKey, StreamPosition> restored;
    private final Map<StreamKey, EpochTracker> trackers = new ConcurrentHashMap<>();
    private final Map<StreamKey, Long> savedVersions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lapsnapper-checkpoint");
        t.setDaemon(true);
        return t;
    });

    public StreamRegistry(Map<StreamKey, StreamPosition> restored, StreamPositionStore store,
                          LongSupplier wallClockMillis, Duration interval) {
        this.restored = Map.copyOf(restored);
        this.store = Objects.requireNonNull(store, "store");
        this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
        long ms = interval.toMillis();
        saver.scheduleWithFixedDelay(this::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The tracker of a stream: restored if a position was stored, else fresh. */
    public EpochTracker tracker(StreamKey key) {
        return trackers.computeIfAbsent(key, k -> {
            StreamPosition position = restored.get(k);
            if (position != null) {
                LOG.info("LapSnapper stream {} continues epoch {} after timeStampID {} (stored position)", k,
                        position.epoch(), position.highestSequence());
                return EpochTracker.restore(position, wallClockMillis);
            }
            return EpochTracker.fresh(k, wallClockMillis);
        });
    }

    /** Saves this stream's position now (asynchronously): called when it started a new epoch. */
    public void saveSoon(EpochTracker tracker) {
        saver.execute(() -> save(tracker));
    }

    /** Saves every stream that moved since its last save. */
    public void checkpoint() {
        trackers.values().forEach(this::save);
    }

    @Override
    public void close() {
        saver.shutdown();
        try {
            if (!saver.awaitTermination(5, TimeUnit.SECONDS)) {
                saver.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointQuietly();
    }

    private void save(EpochTracker tracker) {
        long version = tracker.version();
        Long saved = savedVersions.get(tracker.key());
        if (saved != null && saved == version) {
            return;
        }
        tracker.position().ifPresent(position -> {
            store.save(position);
            savedVersions.put(tracker.key(), version);
        });
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("Saving LapSnapper stream positions failed: {}", e.toString());
        }
    }
}
