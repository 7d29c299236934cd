package io.pitwall.processor.timing71;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.LapChange;
import io.pitwall.processor.timing.SessionSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One Timing71 service (= one session): renders successive snapshots as Timing71 states and keeps the message
 * log, which — as in Timing71 itself — is made of the differences between consecutive screens.
 *
 * <p>Message timestamps are milliseconds since the epoch (what the current Timing71 client library writes;
 * the recorded 2021 references still have seconds), taken from the snapshot's {@code now}.
 */
public final class Timing71Service {

    /** Timing71 keeps the newest 100 messages. */
    public static final int MAX_MESSAGES = 100;

    private static final com.fasterxml.jackson.databind.ObjectReader TREE_READER = Timing71Json.MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Deque<Timing71Message> messages = new ArrayDeque<>();
    private final List<LapChange> pendingChanges = new ArrayList<>();
    private final List<SessionControl> pendingControls = new ArrayList<>();
    private SessionSnapshot previous;
    private List<Timing71Message> fresh = List.of();

    public Timing71Service() {
    }

    /**
     * A service that carries on with a message log kept from before (a restart): the log is made of differences
     * between screens, which a rebuilt session cannot regenerate.
     *
     * @param restored the log, newest first
     */
    public Timing71Service(List<Timing71Message> restored) {
        for (Timing71Message message : restored) {
            if (messages.size() < MAX_MESSAGES) {
                messages.addLast(message);
            }
        }
    }

    /** Lap changes since the last render (their corrections become messages). */
    public void onLapChanges(List<LapChange> changes) {
        pendingChanges.addAll(changes);
    }

    /** A race-control action since the last render (its text becomes a message). */
    public void onControl(SessionControl control) {
        pendingControls.add(Objects.requireNonNull(control));
    }

    /** The full state for this snapshot, as JSON text; messages generated against the previous one. */
    public String renderJson(SessionSnapshot snapshot) {
        advance(snapshot);
        return StateJsonWriter.write(snapshot, messages, highlight());
    }

    /** The same as {@link #renderJson}, as a tree (numbers kept exactly: a time is a 3-decimal BigDecimal). */
    public ObjectNode render(SessionSnapshot snapshot) {
        try {
            return (ObjectNode) TREE_READER.readTree(renderJson(snapshot));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable Timing71 state", e);
        }
    }

    /** Generates the messages between the previous snapshot and this one and adds them to the log. */
    private void advance(SessionSnapshot snapshot) {
        fresh = MessageGenerator.between(previous, snapshot, pendingChanges, pendingControls);
        pendingChanges.clear();
        pendingControls.clear();
        previous = snapshot;
        for (Timing71Message message : fresh) {
            messages.addFirst(message);
        }
        while (messages.size() > MAX_MESSAGES) {
            messages.removeLast();
        }
    }

    /** Car numbers of the messages the last rendering added. */
    private Set<String> highlight() {
        Set<String> highlight = new LinkedHashSet<>();
        for (Timing71Message message : fresh) {
            if (message.carNumber() != null) {
                highlight.add(message.carNumber());
            }
        }
        return highlight;
    }

    /** The messages the last {@link #render} added to the log, oldest first. */
    public List<Timing71Message> freshMessages() {
        return fresh;
    }

    /** The manifest of this service. */
    public static ObjectNode manifest(SessionSnapshot snapshot, List<String> source) {
        long start = snapshot.startMicros() != null
                ? snapshot.startMicros() / 1_000_000L
                : snapshot.config().getUpdatedAt().getEpochSecond();
        return ManifestRenderer.render(snapshot.config(), start, source);
    }
}
