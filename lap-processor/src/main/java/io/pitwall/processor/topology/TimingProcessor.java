package io.pitwall.processor.topology;

import io.pitwall.events.LapEventKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.LapChange;
import io.pitwall.processor.timing.LapEvents;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.TimingOptions;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.processor.timing.TimingUpdate;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.processor.timing71.Timing71Message;
import io.pitwall.processor.timing71.Timing71Service;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link TimingSession} per venue of this task. Inputs are stored first (so the model can be
 * rebuilt from the store after a restart: its results are a function of its inputs), then applied; lap
 * changes go out as LapEvents at once. The Timing71 state goes out when an input changed the session, paced
 * per service by a {@link StatePacer} (coalesced to {@code timing71.max-states-per-second}), and on a clock
 * tick while the session clock runs.
 *
 * <p>A configuration with a new session id starts a new session: the venue's stored passings and controls
 * from before that configuration was written ({@code updatedAt}) belong to earlier sessions and are dropped.
 *
 * <p>The Timing71 message log is stored with the inputs as it grows (it records differences between published
 * screens, so it cannot be rebuilt from them): after a restart the screens carry on with the same log.
 */
final class TimingProcessor implements Processor<String, TimingInput, String, TimingOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(TimingProcessor.class);

    private final LapProcessorConfig config;
    private final ProcessingMetrics metrics;
    private final Map<String, Venue> venues = new HashMap<>();
    private ProcessorContext<String, TimingOutput> context;
    private TimingInputStore inputs;

    TimingProcessor(LapProcessorConfig config, ProcessingMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    TimingProcessor(LapProcessorConfig config) {
        this(config, ProcessingMetrics.NONE);
    }

    /** The live state of one venue. */
    private final class Venue {
        TimingSession session;
        Timing71Service timing71 = new Timing71Service();
        StatePacer pacer = newPacer();
        String uuid;
        String lastManifest;
        /** What the last manifest was rendered from: it changes only with the configuration or the start. */
        SessionConfig manifestConfig;
        long manifestStart;
        /** Wall clock of the last input that changed the session: ends the clock tick of an abandoned session. */
        long lastInputMillis;
        /** Ghost reads already counted, so the metric follows the model's total. */
        int ghostReads;
        /** Sequence numbers of the stored message log entries, oldest first, and the next one. */
        final ArrayDeque<Long> messageSequences = new ArrayDeque<>();
        long nextMessageSequence;

        void startSession(TimingSession newSession, SortedMap<Long, Timing71Message> keptMessages) {
            session = newSession;
            List<Timing71Message> newestFirst = new ArrayList<>(keptMessages.values());
            Collections.reverse(newestFirst);
            timing71 = new Timing71Service(newestFirst);
            messageSequences.clear();
            messageSequences.addAll(keptMessages.keySet());
            nextMessageSequence = keptMessages.isEmpty() ? 0 : keptMessages.lastKey() + 1;
            pacer = newPacer();
            uuid = ServiceIds.serviceUuid(newSession.config().getVenueId(), newSession.sessionId());
            lastManifest = null;
            manifestConfig = null;
            ghostReads = 0;
        }
    }

    private StatePacer newPacer() {
        return new StatePacer(config.minStateInterval(), config.clockTick());
    }

    @Override
    public void init(ProcessorContext<String, TimingOutput> processorContext) {
        this.context = processorContext;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(TimingInputStore.NAME);
        this.inputs = new TimingInputStore(store);
        long now = context.currentSystemTimeMs();
        inputs.all().forEach((venueId, stored) -> {
            if (stored.config() != null) {
                Venue venue = venues.computeIfAbsent(venueId, v -> new Venue());
                venue.startSession(restore(stored), stored.messages());
                venue.lastInputMillis = now;
                // counted by the instance that processed them
                venue.ghostReads = venue.session.ghostReads();
            }
        });
        context.schedule(config.stateCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
    }

    private TimingSession restore(TimingInputStore.VenueInputs stored) {
        TimingSession session = new TimingSession(stored.config(), options());
        stored.controls().forEach(session::addControl);
        session.addPassings(stored.passings());
        return session;
    }

    private TimingOptions options() {
        return new TimingOptions(config.carStoppedAfter());
    }

    @Override
    public void process(Record<String, TimingInput> record) {
        TimingInput input = record.value();
        long timestamp = record.timestamp();
        Venue changed = null;
        if (input instanceof TimingInput.OfPassing p) {
            changed = onPassing(p.passing(), timestamp);
        } else if (input instanceof TimingInput.OfControl c) {
            changed = onControl(c.control(), timestamp);
        } else if (input instanceof TimingInput.OfConfig c) {
            changed = onConfig(c.config(), timestamp);
        }
        if (changed != null) {
            long now = context.currentSystemTimeMs();
            changed.lastInputMillis = now;
            countGhostReads(changed);
            if (changed.pacer.changed(timestamp, now)) {
                publish(changed, now);
            }
        }
    }

    /** @return the venue whose session changed, null when nothing changed */
    private Venue onPassing(Passing passing, long timestamp) {
        inputs.putPassing(passing);
        Venue venue = venues.get(passing.getVenueId());
        if (venue == null || venue.session == null) {
            return null; // timed when the venue's configuration arrives
        }
        TimingUpdate update = venue.session.addPassing(passing);
        if (!update.accepted()) {
            // reached the model twice (e.g. after the reorder state was lost); the model ignores it
            metrics.duplicatesDropped(1);
            return null;
        }
        emitLaps(venue, update, timestamp);
        return venue;
    }

    private Venue onControl(SessionControl control, long timestamp) {
        inputs.putControl(control);
        Venue venue = venues.get(control.getVenueId());
        if (venue == null || venue.session == null) {
            return null;
        }
        TimingUpdate update = venue.session.addControl(control);
        if (!update.accepted()) {
            return null;
        }
        venue.timing71.onControl(control);
        emitLaps(venue, update, timestamp);
        return venue;
    }

    private Venue onConfig(SessionConfig newConfig, long timestamp) {
        Venue venue = venues.computeIfAbsent(newConfig.getVenueId(), v -> new Venue());
        inputs.putConfig(newConfig);
        if (venue.session != null && venue.session.sessionId().equals(newConfig.getSessionId())) {
            TimingUpdate update = venue.session.reconfigure(newConfig);
            emitLaps(venue, update, timestamp);
            return update.accepted() ? venue : null;
        }
        boolean replacesASession = venue.session != null;
        TimingInputStore.VenueInputs stored = inputs.venue(newConfig.getVenueId());
        Instant opened = newConfig.getUpdatedAt();
        for (Passing passing : stored.passings()) {
            if (replacesASession && passing.getPassingTime().isBefore(opened)) {
                inputs.deletePassing(passing);
            }
        }
        for (SessionControl control : stored.controls()) {
            boolean otherSession = control.getSessionId() != null
                    && !control.getSessionId().equals(newConfig.getSessionId());
            if (otherSession || (replacesASession && control.getAt().isBefore(opened))) {
                inputs.deleteControl(control);
            }
        }
        // a new Timing71 service starts with an empty message log
        stored.messages().keySet().forEach(sequence -> inputs.deleteMessage(newConfig.getVenueId(), sequence));
        LOG.info("Venue {}: session {} ({})", newConfig.getVenueId(), newConfig.getSessionId(), newConfig.getName());
        TimingInputStore.VenueInputs kept = inputs.venue(newConfig.getVenueId());
        venue.startSession(new TimingSession(newConfig, options()), new TreeMap<>());
        // passings and controls that arrived before the configuration: their laps are published now
        for (SessionControl control : kept.controls()) {
            emitLaps(venue, venue.session.addControl(control), timestamp);
        }
        emitLaps(venue, venue.session.addPassings(kept.passings()), timestamp);
        return venue;
    }

    private void emitLaps(Venue venue, TimingUpdate update, long timestamp) {
        List<LapChange> changes = update.changes();
        if (changes.isEmpty()) {
            return;
        }
        venue.timing71.onLapChanges(changes);
        SessionConfig sessionConfig = venue.session.config();
        for (LapChange change : changes) {
            if (change.kind() != LapEventKind.COMPLETED) {
                metrics.lapCorrected(change.kind());
            }
            context.forward(new Record<>(sessionConfig.getVenueId(), new TimingOutput.Lap(
                    LapEvents.of(sessionConfig.getVenueId(), sessionConfig.getSessionId(), change)), timestamp));
        }
    }

    private void countGhostReads(Venue venue) {
        int now = venue.session.ghostReads();
        if (now != venue.ghostReads) {
            metrics.ghostReads(now - venue.ghostReads);
            venue.ghostReads = now;
        }
    }

    /** Wall-clock punctuator: coalesced changes whose slot has come, and clock ticks. */
    private void publishDue(long now) {
        for (Venue venue : venues.values()) {
            if (venue.session != null && venue.pacer.due(now, () -> clockTicking(venue, now))) {
                publish(venue, now);
            }
        }
    }

    /**
     * The clock ticks while the session clock runs, until the venue has been quiet for {@code clockIdleAfter}
     * (an abandoned session), or, once the chequered flag has fallen, for {@code car.stopped-after} plus two
     * ticks: by then every car shows FIN, RET or STOP and only the elapsed time would still change.
     */
    private boolean clockTicking(Venue venue, long now) {
        if (!venue.session.clockRunning()) {
            return false;
        }
        long quiet = now - venue.lastInputMillis;
        long limit = venue.session.chequeredMicros().isPresent()
                ? config.carStoppedAfter().toMillis() + 2 * config.clockTick().toMillis()
                : config.clockIdleAfter().toMillis();
        return quiet < limit;
    }

    private void publish(Venue venue, long now) {
        boolean tick = !venue.pacer.pending();
        long timestamp = venue.pacer.published(now);
        SessionSnapshot snapshot = venue.session.snapshot(Instant.ofEpochMilli(now));
        String uuid = venue.uuid;
        long start = snapshot.startMicros() == null ? Long.MIN_VALUE : snapshot.startMicros();
        if (snapshot.config() != venue.manifestConfig || start != venue.manifestStart) {
            String manifest = json(Timing71Service.manifest(snapshot, config.timing71Source()));
            if (!manifest.equals(venue.lastManifest)) {
                context.forward(new Record<>(uuid, new TimingOutput.Manifest(uuid, manifest), timestamp));
                venue.lastManifest = manifest;
            }
            venue.manifestConfig = snapshot.config();
            venue.manifestStart = start;
        }
        String state = json(venue.timing71.render(snapshot));
        keepMessages(venue);
        context.forward(new Record<>(uuid, new TimingOutput.State(uuid, state), timestamp));
        metrics.statePublished(tick);
    }

    /** Stores the messages the last rendering added, and forgets the ones that fell off the log. */
    private void keepMessages(Venue venue) {
        String venueId = venue.session.config().getVenueId();
        for (Timing71Message message : venue.timing71.freshMessages()) {
            long sequence = venue.nextMessageSequence++;
            inputs.putMessage(venueId, sequence, message);
            venue.messageSequences.addLast(sequence);
        }
        while (venue.messageSequences.size() > Timing71Service.MAX_MESSAGES) {
            inputs.deleteMessage(venueId, venue.messageSequences.removeFirst());
        }
    }

    private static String json(Object node) {
        try {
            return Timing71Json.MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write Timing71 JSON", e);
        }
    }
}
