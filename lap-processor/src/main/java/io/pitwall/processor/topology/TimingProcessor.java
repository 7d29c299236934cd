package io.pitwall.processor.topology;

import io.pitwall.events.LapEventKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.codec.AvroBytes;
import io.pitwall.processor.errors.DeadLetterRecord;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 *
 * <p>An input that makes the timing engine throw is not allowed to stop the service: it is sent to the
 * dead-letter topic (with the failure and the first lines of its stack), counted and logged, and its venue's
 * session is rolled back to what it was before that input by rebuilding it from the stored inputs (which do
 * not contain it: an input is stored only once the engine took it). Outputs of a failed input are discarded.
 *
 * <p>When a new session replaces a venue's session, the old session's Timing71 state and manifest are
 * tombstoned {@code finishedSessionRetention} after the old session ended (at once if it never did); the
 * pending removals are stored, so they survive a restart.
 */
final class TimingProcessor implements Processor<String, TimingInput, String, TimingOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(TimingProcessor.class);

    private static final int DEAD_LETTER_STACK_LINES = 12;

    private final LapProcessorConfig config;
    private final ProcessingMetrics metrics;
    private final EventSerdes serdes;
    private final AppliedInputHook appliedHook;
    private final LiveCommits liveCommits;
    private final Map<String, Venue> venues = new HashMap<>();
    private final AvroBytes<Passing> passingAvro = new AvroBytes<>(Passing.class);
    /** Outputs of the input being processed: forwarded only once it was processed without failure. */
    private final List<Record<String, TimingOutput>> outputs = new ArrayList<>();
    private String applicationId;
    private ProcessorContext<String, TimingOutput> context;
    private TimingInputStore inputs;

    /**
     * @param liveCommits shared by every timing processor of the topology (the commit requests are paced per stream
     *                    thread)
     */
    TimingProcessor(LapProcessorConfig config, ProcessingMetrics metrics, EventSerdes serdes,
                    AppliedInputHook appliedHook, LiveCommits liveCommits) {
        this.config = config;
        this.metrics = metrics;
        this.serdes = serdes;
        this.appliedHook = appliedHook;
        this.liveCommits = liveCommits;
    }

    /** The live state of one venue. */
    private final class Venue {
        final String venueId;
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
        /** Replaced sessions' service uuids and when (wall clock, ms) their state and manifest are tombstoned. */
        final Map<String, Long> removals = new HashMap<>();

        Venue(String venueId) {
            this.venueId = venueId;
        }

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
        // Kafka Streams initialises the same instance again when it revives a task (its stores restored to the
        // last commit): what an aborted transaction left in memory must not outlive it
        venues.clear();
        outputs.clear();
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(TimingInputStore.NAME);
        this.inputs = new TimingInputStore(store);
        long now = context.currentSystemTimeMs();
        applicationId = context.applicationId();
        inputs.all().forEach((venueId, stored) -> {
            Venue venue = venues.computeIfAbsent(venueId, Venue::new);
            venue.removals.putAll(stored.removals());
            if (stored.config() != null) {
                venue.startSession(restore(stored), stored.messages());
                venue.lastInputMillis = now;
                // counted by the instance that processed them
                venue.ghostReads = venue.session.ghostReads();
            }
        });
        context.schedule(config.stateCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
        if (liveCommits.enabled()) {
            context.schedule(liveCommits.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::requestCommitIfDue);
        }
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
        long now = context.currentSystemTimeMs();
        outputs.clear();
        Venue changed;
        try {
            changed = apply(input, timestamp, now);
        } catch (RuntimeException failure) {
            outputs.clear();
            rejectInput(record, failure, now);
            return;
        }
        if (changed != null) {
            changed.lastInputMillis = now;
            countGhostReads(changed);
            if (changed.pacer.changed(timestamp, now)) {
                publishSafely(changed, now);
            }
            removeDue(changed, now);
        }
        forwardOutputs(now);
    }

    /** @return the venue whose session changed, null when nothing changed */
    private Venue apply(TimingInput input, long timestamp, long now) {
        if (input instanceof TimingInput.OfPassing p) {
            return onPassing(p, timestamp);
        } else if (input instanceof TimingInput.OfControl c) {
            return onControl(c, timestamp);
        } else if (input instanceof TimingInput.OfConfig c) {
            return onConfig(c, timestamp, now);
        }
        throw new IllegalArgumentException("unknown timing input " + input);
    }

    private Venue onPassing(TimingInput.OfPassing input, long timestamp) {
        Passing passing = input.passing();
        Venue venue = venues.get(passing.getVenueId());
        // encoded once, for the store and for the session (which keeps its passings in that form)
        byte[] avro = passingAvro.write(passing);
        if (venue == null || venue.session == null) {
            inputs.putPassing(passing, avro);
            return null; // timed when the venue's configuration arrives
        }
        TimingUpdate update = venue.session.addPassing(passing, avro);
        appliedHook.applied(input);
        inputs.putPassing(passing, avro);
        if (!update.accepted()) {
            // reached the model twice (e.g. after the reorder state was lost); the model ignores it
            metrics.duplicatesDropped(1);
            return null;
        }
        emitLaps(venue, update, timestamp);
        return venue;
    }

    private Venue onControl(TimingInput.OfControl input, long timestamp) {
        SessionControl control = input.control();
        Venue venue = venues.get(control.getVenueId());
        if (venue == null || venue.session == null) {
            inputs.putControl(control);
            return null;
        }
        TimingUpdate update = venue.session.addControl(control);
        appliedHook.applied(input);
        inputs.putControl(control);
        if (!update.accepted()) {
            return null;
        }
        venue.timing71.onControl(control);
        emitLaps(venue, update, timestamp);
        return venue;
    }

    private Venue onConfig(TimingInput.OfConfig input, long timestamp, long now) {
        SessionConfig newConfig = input.config();
        String venueId = newConfig.getVenueId();
        Venue known = venues.get(venueId);
        if (known != null && known.session != null && known.session.sessionId().equals(newConfig.getSessionId())) {
            TimingUpdate update = known.session.reconfigure(newConfig);
            appliedHook.applied(input);
            inputs.putConfig(newConfig);
            emitLaps(known, update, timestamp);
            return update.accepted() ? known : null;
        }
        boolean replacesASession = known != null && known.session != null;
        TimingInputStore.VenueInputs stored = inputs.venue(venueId);
        Instant opened = newConfig.getUpdatedAt();
        List<Passing> keptPassings = new ArrayList<>();
        List<Passing> droppedPassings = new ArrayList<>();
        for (Passing passing : stored.passings()) {
            boolean earlierSession = replacesASession && passing.getPassingTime().isBefore(opened);
            (earlierSession ? droppedPassings : keptPassings).add(passing);
        }
        List<SessionControl> keptControls = new ArrayList<>();
        List<SessionControl> droppedControls = new ArrayList<>();
        for (SessionControl control : stored.controls()) {
            boolean otherSession = control.getSessionId() != null
                    && !control.getSessionId().equals(newConfig.getSessionId());
            boolean earlierSession = otherSession || (replacesASession && control.getAt().isBefore(opened));
            (earlierSession ? droppedControls : keptControls).add(control);
        }
        // the new session is built off to the side: if the engine fails on it, the venue is as it was
        TimingSession session = new TimingSession(newConfig, options());
        List<TimingUpdate> updates = new ArrayList<>();
        for (SessionControl control : keptControls) {
            updates.add(session.addControl(control));
        }
        updates.add(session.addPassings(keptPassings));
        appliedHook.applied(input);

        Venue venue = venues.computeIfAbsent(venueId, Venue::new);
        if (replacesASession) {
            retire(venue, now);
        }
        droppedPassings.forEach(inputs::deletePassing);
        droppedControls.forEach(inputs::deleteControl);
        inputs.putConfig(newConfig);
        // a new Timing71 service starts with an empty message log
        stored.messages().keySet().forEach(sequence -> inputs.deleteMessage(venueId, sequence));
        LOG.info("Venue {}: session {} ({})", venueId, newConfig.getSessionId(), newConfig.getName());
        venue.startSession(session, new TreeMap<>());
        if (venue.removals.remove(venue.uuid) != null) {
            inputs.deleteRemoval(venueId, venue.uuid); // the same session back again: it stays
        }
        // passings and controls that arrived before the configuration: their laps are published now
        updates.forEach(update -> emitLaps(venue, update, timestamp));
        return venue;
    }

    /**
     * The venue's session is being replaced: its last coalesced change goes out, and its Timing71 service is
     * scheduled for removal {@code finishedSessionRetention} after the session ended, or now if it never did.
     */
    private void retire(Venue venue, long now) {
        if (venue.pacer.pending()) {
            publish(venue, now);
        }
        OptionalLong ended = venue.session.endedMicros(now * 1_000L);
        long due = ended.isPresent()
                ? Math.max(now, ended.getAsLong() / 1_000L + config.finishedSessionRetention().toMillis())
                : now;
        venue.removals.put(venue.uuid, due);
        inputs.putRemoval(venue.session.config().getVenueId(), venue.uuid, due);
    }

    /** Tombstones the states and manifests of replaced sessions whose retention is over. */
    private void removeDue(Venue venue, long now) {
        if (venue.removals.isEmpty()) {
            return;
        }
        var due = venue.removals.entrySet().iterator();
        while (due.hasNext()) {
            Map.Entry<String, Long> removal = due.next();
            if (removal.getValue() <= now) {
                String uuid = removal.getKey();
                outputs.add(new Record<>(uuid, new TimingOutput.State(uuid, null), now));
                outputs.add(new Record<>(uuid, new TimingOutput.Manifest(uuid, null), now));
                due.remove();
                inputs.deleteRemoval(venue.venueId, uuid);
                metrics.sessionRemoved();
                LOG.info("Removed the Timing71 service {} of a replaced session of venue {}", uuid, venue.venueId);
            }
        }
    }

    /**
     * The engine failed on {@code record}: dead-letter it, count and log it, and put the venue's session back
     * to what it was before the input by rebuilding it from the stored inputs (the input was not stored).
     */
    private void rejectInput(Record<String, TimingInput> record, RuntimeException failure, long now) {
        TimingInput input = record.value();
        String venueId = venueIdOf(input);
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(topicOf(input));
        int partition = source.map(RecordMetadata::partition).orElse(-1);
        long offset = source.map(RecordMetadata::offset).orElse(-1L);
        LOG.error("The timing engine failed on an input of venue {} ({} partition {} offset {}); the input goes to {}"
                + " and the venue's session is rolled back to before it", venueId, topic, partition, offset,
                config.deadLetterTopic(), failure);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] json = DeadLetterRecord.ofProcessingFailure(applicationId, topic, partition, offset,
                record.timestamp(), key, serialized(input, topic), record.headers(), failure,
                DEAD_LETTER_STACK_LINES, now);
        context.forward(new Record<>(record.key(), new TimingOutput.DeadLetter(json), record.timestamp()));
        metrics.engineFailed(topic);
        Venue venue = venues.get(venueId);
        if (venue != null && venue.session != null) {
            venue.session = restore(inputs.venue(venueId));
            venue.ghostReads = venue.session.ghostReads();
        }
    }

    private byte[] serialized(TimingInput input, String topic) {
        try {
            if (input instanceof TimingInput.OfPassing p) {
                return serdes.passings().serializer().serialize(topic, p.passing());
            } else if (input instanceof TimingInput.OfControl c) {
                return serdes.controls().serializer().serialize(topic, c.control());
            } else if (input instanceof TimingInput.OfConfig c) {
                return serdes.sessions().serializer().serialize(topic, c.config());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not serialize the failed input for the dead-letter record: {}", e.toString());
        }
        return null;
    }

    private static String venueIdOf(TimingInput input) {
        if (input instanceof TimingInput.OfPassing p) {
            return p.passing().getVenueId();
        } else if (input instanceof TimingInput.OfControl c) {
            return c.control().getVenueId();
        }
        return ((TimingInput.OfConfig) input).config().getVenueId();
    }

    private String topicOf(TimingInput input) {
        if (input instanceof TimingInput.OfPassing) {
            return config.passingsTopic();
        } else if (input instanceof TimingInput.OfControl) {
            return config.sessionControlTopic();
        }
        return config.sessionsTopic();
    }

    private void forwardOutputs(long now) {
        for (Record<String, TimingOutput> output : outputs) {
            context.forward(output);
            liveCommits.forwarded(output.timestamp(), now);
        }
        outputs.clear();
        requestCommitIfDue(now);
    }

    /** Asks Kafka Streams to commit soon when a live result waits for it (see {@link LiveCommits}). */
    private void requestCommitIfDue(long now) {
        if (liveCommits.requestDue(now)) {
            context.commit();
        }
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
            outputs.add(new Record<>(sessionConfig.getVenueId(), new TimingOutput.Lap(
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
        outputs.clear();
        for (Venue venue : venues.values()) {
            if (venue.session != null && venue.pacer.due(now, () -> clockTicking(venue, now))) {
                publishSafely(venue, now);
            }
            removeDue(venue, now);
        }
        forwardOutputs(now);
    }

    /**
     * Publishes, but a failure to render (a bug) costs this one state, not the service: it is logged, and
     * the next change or tick tries again.
     */
    private void publishSafely(Venue venue, long now) {
        try {
            publish(venue, now);
        } catch (RuntimeException failure) {
            LOG.error("Could not render the Timing71 state of venue {} (service {}); it is retried at the next change"
                    + " or tick", venue.session.config().getVenueId(), venue.uuid, failure);
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
        if (venue.session.chequeredBy(now * 1_000L)) {
            long chequeredMillis = venue.session.chequeredMicros().getAsLong() / 1_000L;
            long quiet = now - Math.max(venue.lastInputMillis, chequeredMillis);
            return quiet < config.carStoppedAfter().toMillis() + 2 * config.clockTick().toMillis();
        }
        return now - venue.lastInputMillis < config.clockIdleAfter().toMillis();
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
                outputs.add(new Record<>(uuid, new TimingOutput.Manifest(uuid, manifest), timestamp));
                venue.lastManifest = manifest;
            }
            venue.manifestConfig = snapshot.config();
            venue.manifestStart = start;
        }
        String state = venue.timing71.renderJson(snapshot);
        keepMessages(venue);
        outputs.add(new Record<>(uuid, new TimingOutput.State(uuid, state), timestamp));
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
