package io.pitwall.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the launcher started, so that Ctrl-C stops it in the safe order whatever was already running: the
 * simulated venues first (no new input), then the ingests (they deliver what they hold), the lap processor
 * (it commits), the publisher, and Kafka and the registry last. Parts of one tier stop side by side.
 *
 * <p>Thread-safe. Once {@link #close()} began, a part that finishes starting is stopped at once and
 * {@link #add} throws, which aborts the start that was still under way.
 */
final class Lifecycle implements AutoCloseable {

    /**
     * Stopping order: highest first. Simulated hardware that connects to an ingest stops before it, simulated
     * hardware the ingest connects to (a LapSnapper server) after it, so no ingest reports a lost decoder.
     */
    enum Tier { INFRASTRUCTURE, PUBLISHER, PROCESSOR, HARDWARE_SERVER, INGEST, HARDWARE, VENUE }

    /** A stop that was too late: the stack is already stopping. */
    static final class StoppingException extends RuntimeException {
        StoppingException() {
            super("stopping");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final long PART_STOP_TIMEOUT_SECONDS = 60;

    private final Map<Tier, List<Part>> parts = new TreeMap<>();
    private boolean closing;

    private record Part(String name, AutoCloseable resource) {
    }

    /** Registers a started part; if the stack is already stopping, stops it and throws {@link StoppingException}. */
    <T extends AutoCloseable> T add(Tier tier, String name, T resource) {
        synchronized (this) {
            if (!closing) {
                parts.computeIfAbsent(tier, t -> new ArrayList<>()).add(new Part(name, resource));
                return resource;
            }
        }
        closeQuietly(new Part(name, resource));
        throw new StoppingException();
    }

    synchronized boolean isClosing() {
        return closing;
    }

    /** Stops every part, tier by tier from the top; never throws. */
    @Override
    public void close() {
        Map<Tier, List<Part>> toClose;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            toClose = new TreeMap<>(parts);
            parts.clear();
        }
        List<Tier> tiers = new ArrayList<>(toClose.keySet());
        for (int i = tiers.size() - 1; i >= 0; i--) {
            List<Part> tier = toClose.get(tiers.get(i));
            if (tier.size() == 1) {
                closeQuietly(tier.get(0));
                continue;
            }
            // a thread each: the common pool has a single thread on a two-core machine
            CompletableFuture<?>[] stopping = tier.stream()
                    .map(part -> {
                        CompletableFuture<Void> stopped = new CompletableFuture<>();
                        Thread thread = new Thread(() -> {
                            closeQuietly(part);
                            stopped.complete(null);
                        }, "stop-" + part.name());
                        thread.setDaemon(true);
                        thread.start();
                        return stopped;
                    })
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(stopping).get(PART_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Not every part of tier {} stopped within {} s: {}", tiers.get(i), PART_STOP_TIMEOUT_SECONDS,
                        e.toString());
            }
        }
    }

    private static void closeQuietly(Part part) {
        try {
            part.resource().close();
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly: {}", part.name(), e.toString());
        }
    }
}
