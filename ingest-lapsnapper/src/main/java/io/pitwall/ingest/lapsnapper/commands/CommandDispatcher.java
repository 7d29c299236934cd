package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.events.DecoderCommand;
import io.pitwall.ingest.lapsnapper.commands.CommandReporter.Result;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out remote-control commands on the venues' LapSnapper connections.
 *
 * <ul>
 *   <li><b>Once.</b> A {@code commandId} is carried out at most once per process: a second record with the same
 *       id (re-sent by race control, re-read after a rebalance) is reported DUPLICATE and not sent. Across
 *       restarts the consumer group's committed offset does the same job, see {@link CommandConsumer}.</li>
 *   <li><b>Only to a handshaken decoder.</b> A command is written only on a connection whose handshake
 *       succeeded. For a decoder that is not connected it waits, and goes out as soon as that decoder's handshake
 *       completes.</li>
 *   <li><b>Not late.</b> A command not delivered within {@code maxAge} of its {@code issuedAt} is dropped and
 *       reported EXPIRED: starting a session minutes after race control asked for it, because the decoder was
 *       off or the ingest down, would be worse than not starting it.</li>
 *   <li><b>Targets.</b> Every connection of the command's venue, or with {@code streamId} set only the decoder
 *       with that stream (a connection whose decoder is not known yet is a candidate until its handshake says
 *       otherwise).</li>
 * </ul>
 * Thread-safe: commands come from the consumer thread, readiness and write completions from event loops.
 */
public final class CommandDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    /** How many command ids are remembered for {@code once}; far more than race control issues in a day. */
    static final int REMEMBERED_IDS = 10_000;

    private final Map<String, List<CommandTarget>> connectionsByVenue;
    private final int apiVersion;
    private final Duration maxAge;
    private final LongSupplier wallClockMillis;
    private final CommandReporter reporter;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> seenIds = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lapsnapper-command-expiry");
        t.setDaemon(true);
        return t;
    });

    public CommandDispatcher(Collection<? extends CommandTarget> connections, int apiVersion, Duration maxAge,
                             LongSupplier wallClockMillis, CommandReporter reporter) {
        Map<String, List<CommandTarget>> byVenue = new LinkedHashMap<>();
        for (CommandTarget c : connections) {
            byVenue.computeIfAbsent(c.server().venueId(), v -> new ArrayList<>()).add(c);
            c.onReady(this::deliverPending);
        }
        this.connectionsByVenue = Map.copyOf(byVenue);
        this.apiVersion = apiVersion;
        this.maxAge = maxAge;
        this.wallClockMillis = wallClockMillis;
        this.reporter = reporter;
        timer.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    /** Whether this ingest serves the venue. */
    public boolean serves(String venueId) {
        return connectionsByVenue.containsKey(venueId);
    }

    /**
     * Takes a command of a served venue. {@code finished} runs exactly once, when the command needs nothing more
     * (sent to every target, refused, expired or a duplicate); possibly before this method returns.
     */
    public synchronized void submit(DecoderCommand command, Runnable finished) {
        List<CommandTarget> venueConnections = connectionsByVenue.getOrDefault(command.getVenueId(), List.of());
        String where = command.getVenueId();
        if (!seenIds.add(command.getCommandId())) {
            reporter.report(command, where, Result.DUPLICATE, "command " + describe(command)
                    + " was already received; not carried out again");
            finished.run();
            return;
        }
        long expiresAt = command.getIssuedAt().toEpochMilli() + maxAge.toMillis();
        if (wallClockMillis.getAsLong() > expiresAt) {
            reporter.report(command, where, Result.EXPIRED, "command " + describe(command) + " was issued at "
                    + command.getIssuedAt() + ", more than " + maxAge.toSeconds() + " s ago; not carried out");
            finished.run();
            return;
        }
        Pending p = new Pending(command, finished, expiresAt);
        for (CommandTarget c : venueConnections) {
            if (matchesKnownStream(command, c)) {
                CommandTranslator.Translation t = CommandTranslator.translate(command, c.server(), apiVersion);
                if (t.message().isPresent()) {
                    p.remaining.add(c);
                } else {
                    p.anyTarget = true;
                    reporter.report(command, c.streamIdForStatus(), Result.REJECTED, "command " + describe(command)
                            + " refused for " + c.server().name() + ": " + t.refusal());
                }
            }
        }
        if (p.remaining.isEmpty()) {
            if (!p.anyTarget) {
                reporter.report(command, where, Result.REJECTED, "command " + describe(command)
                        + ": no decoder with stream " + command.getStreamId() + " at venue " + command.getVenueId());
            }
            finished.run();
            return;
        }
        pending.add(p);
        for (CommandTarget c : List.copyOf(p.remaining)) {
            tryDeliver(p, c);
        }
    }

    /** A connection completed its handshake: send what waits for it. */
    synchronized void deliverPending(CommandTarget connection) {
        for (Pending p : List.copyOf(pending)) {
            if (p.remaining.contains(connection)) {
                tryDeliver(p, connection);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Commands waiting for a decoder (for health details and tests). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    private void tryDeliver(Pending p, CommandTarget c) {
        if (p.settled || p.inFlight.contains(c) || !c.isReady()) {
            return;
        }
        if (!matchesKnownStream(p.command, c)) {
            // the handshake revealed a different decoder than the one the command is for
            p.remaining.remove(c);
            finishIfDone(p);
            return;
        }
        // translate again: the message carries this connection's product id and PIN
        CommandTranslator.translate(p.command, c.server(), apiVersion).message().ifPresent(message -> {
            p.inFlight.add(c);
            c.send(message).whenComplete((ok, failure) -> written(p, c, failure));
        });
    }

    private synchronized void written(Pending p, CommandTarget c, Throwable failure) {
        p.inFlight.remove(c);
        if (failure != null) {
            // the connection went away between the check and the write: it gets the command after its next
            // handshake, unless the command expires first
            LOG.info("Remote control {} not written to {} ({}); waiting for the next handshake",
                    describe(p.command), c.server().name(), failure.getMessage());
            return;
        }
        p.anyTarget = true;
        p.remaining.remove(c);
        if (p.command.getStreamId() != null) {
            // the one decoder meant has it; other connections were only candidates until their handshake
            p.remaining.clear();
        }
        reporter.report(p.command, c.streamIdForStatus(), Result.SENT, "command " + describe(p.command)
                + " sent to LapSnapper " + c.server().name());
        finishIfDone(p);
    }

    synchronized void expire() {
        long now = wallClockMillis.getAsLong();
        for (Pending p : List.copyOf(pending)) {
            if (now > p.expiresAt && p.inFlight.isEmpty()) {
                for (CommandTarget c : p.remaining) {
                    reporter.report(p.command, c.streamIdForStatus(), Result.EXPIRED, "command " + describe(p.command)
                            + " not delivered to " + c.server().name() + " within " + maxAge.toSeconds()
                            + " s of being issued (" + c.state() + "); dropped");
                    p.anyTarget = true;
                }
                p.remaining.clear();
                finishIfDone(p);
            }
        }
    }

    private void finishIfDone(Pending p) {
        if (p.settled || !p.remaining.isEmpty() || !p.inFlight.isEmpty()) {
            return;
        }
        if (!p.anyTarget) {
            reporter.report(p.command, p.command.getVenueId(), Result.REJECTED, "command " + describe(p.command)
                    + ": no decoder with stream " + p.command.getStreamId() + " at venue " + p.command.getVenueId());
        }
        p.settled = true;
        pending.remove(p);
        p.finished.run();
    }

    private static boolean matchesKnownStream(DecoderCommand command, CommandTarget c) {
        if (command.getStreamId() == null) {
            return true;
        }
        Optional<StreamKey> stream = c.stream();
        return stream.isEmpty() || stream.get().streamId().equals(command.getStreamId());
    }

    static String describe(DecoderCommand command) {
        return command.getCommand() + " " + command.getCommandId();
    }

    /** A command on its way to its decoders. */
    private static final class Pending {
        final DecoderCommand command;
        final Runnable finished;
        final long expiresAt;
        final Set<CommandTarget> remaining = new LinkedHashSet<>();
        final Set<CommandTarget> inFlight = new LinkedHashSet<>();
        boolean anyTarget;
        boolean settled;

        Pending(DecoderCommand command, Runnable finished, long expiresAt) {
            this.command = command;
            this.finished = finished;
            this.expiresAt = expiresAt;
        }
    }
}
