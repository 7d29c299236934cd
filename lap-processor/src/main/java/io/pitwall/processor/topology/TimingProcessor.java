package io.pitwall.processor.topology;

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
import io.pitwall.processor.timing71.Timing71Service;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * changes go out as LapEvents at once, Timing71 states on a wall-clock punctuator.
 *
 * <p>A configuration with a new session id starts a new session: the venue's stored passings and controls
 * from before that configuration was written ({@code updatedAt}) belong to earlier sessions and are dropped.
 */
final class TimingProcessor implements Processor<String, TimingInput, String, TimingOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(TimingProcessor.class);

    private final LapProcessorConfig config;
    private final Map<String, Venue> venues = new HashMap<>();
    private ProcessorContext<String, TimingOutput> context;
    private TimingInputStore inputs;

    TimingProcessor(LapProcessorConfig config) {
        this.config = config;
    }

    /** The live state of one venue. */
    private static final class Venue {
        TimingSession session;
        Timing71Service timing71 = new Timing71Service();
        String lastManifest;
    }

    @Override
    public void init(ProcessorContext<String, TimingOutput> processorContext) {
        this.context = processorContext;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(TimingInputStore.NAME);
        this.inputs = new TimingInputStore(store);
        inputs.all().forEach((venueId, stored) -> {
            if (stored.config() != null) {
                Venue venue = venues.computeIfAbsent(venueId, v -> new Venue());
                venue.session = restore(stored);
            }
        });
        context.schedule(config.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
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
        if (input instanceof TimingInput.OfPassing p) {
            onPassing(p.passing(), record.timestamp());
        } else if (input instanceof TimingInput.OfControl c) {
            onControl(c.control(), record.timestamp());
        } else if (input instanceof TimingInput.OfConfig c) {
            onConfig(c.config(), record.timestamp());
        }
    }

    private void onPassing(Passing passing, long timestamp) {
        inputs.putPassing(passing);
        Venue venue = venues.get(passing.getVenueId());
        if (venue != null && venue.session != null) {
            emit(venue, venue.session.addPassing(passing), timestamp);
        }
    }

    private void onControl(SessionControl control, long timestamp) {
        inputs.putControl(control);
        Venue venue = venues.get(control.getVenueId());
        if (venue != null && venue.session != null) {
            emit(venue, venue.session.addControl(control), timestamp);
            venue.timing71.onControl(control);
        }
    }

    private void onConfig(SessionConfig newConfig, long timestamp) {
        Venue venue = venues.computeIfAbsent(newConfig.getVenueId(), v -> new Venue());
        inputs.putConfig(newConfig);
        if (venue.session != null && venue.session.sessionId().equals(newConfig.getSessionId())) {
            emit(venue, venue.session.reconfigure(newConfig), timestamp);
            return;
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
        LOG.info("Venue {}: session {} ({})", newConfig.getVenueId(), newConfig.getSessionId(), newConfig.getName());
        TimingInputStore.VenueInputs kept = inputs.venue(newConfig.getVenueId());
        venue.session = new TimingSession(newConfig, options());
        venue.timing71 = new Timing71Service();
        venue.lastManifest = null;
        // passings and controls that arrived before the configuration: their laps are published now
        for (SessionControl control : kept.controls()) {
            emit(venue, venue.session.addControl(control), timestamp);
        }
        emit(venue, venue.session.addPassings(kept.passings()), timestamp);
    }

    private void emit(Venue venue, TimingUpdate update, long timestamp) {
        List<LapChange> changes = update.changes();
        if (changes.isEmpty()) {
            return;
        }
        venue.timing71.onLapChanges(changes);
        SessionConfig sessionConfig = venue.session.config();
        for (LapChange change : changes) {
            context.forward(new Record<>(sessionConfig.getVenueId(), new TimingOutput.Lap(
                    LapEvents.of(sessionConfig.getVenueId(), sessionConfig.getSessionId(), change)), timestamp));
        }
    }

    private void publish(long now) {
        for (Venue venue : venues.values()) {
            if (venue.session == null) {
                continue;
            }
            SessionSnapshot snapshot = venue.session.snapshot(Instant.ofEpochMilli(now));
            SessionConfig sessionConfig = venue.session.config();
            String uuid = ServiceIds.serviceUuid(sessionConfig.getVenueId(), sessionConfig.getSessionId());
            String manifest = json(Timing71Service.manifest(snapshot, config.timing71Source()));
            if (!manifest.equals(venue.lastManifest)) {
                context.forward(new Record<>(uuid, new TimingOutput.Manifest(uuid, manifest), now));
                venue.lastManifest = manifest;
            }
            String state = json(venue.timing71.render(snapshot));
            context.forward(new Record<>(uuid, new TimingOutput.State(uuid, state), now));
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
