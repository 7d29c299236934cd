package io.pitwall.launcher.demo;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.race.GeneratedCar;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One session of a simulated venue: the configuration race control publishes, and the generated race as a list
 * of timed steps in real time (hardware reads and race-control actions), sped up by the venue's time scale.
 *
 * <p>The session id says when the session started ({@code <venue>-yyyyMMdd-HHmmss}) and seeds the generator, so
 * a restarted demo can regenerate the same field and carry on with the session it was running.
 */
final class DemoSession {

    /** A step of the replay: at {@code at}, a hardware read or a race-control action. */
    record Step(Instant at, HardwareFeed.Read read, SessionControl control) {
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String ISSUED_BY = "pitwall demo race control";

    private final VenueSpec spec;
    private final String sessionId;
    private final SessionConfig config;
    private final List<Step> steps;
    private final boolean resumed;

    private DemoSession(VenueSpec spec, String sessionId, SessionConfig config, List<Step> steps, boolean resumed) {
        this.spec = spec;
        this.sessionId = sessionId;
        this.config = config;
        this.steps = steps;
        this.resumed = resumed;
    }

    /** A new session that started at {@code start} (now, or a little earlier to join it under way). */
    static DemoSession start(VenueSpec spec, HardwareFeed feed, Instant start) {
        Instant anchor = start.truncatedTo(ChronoUnit.MILLIS);
        String sessionId = spec.venueId() + "-" + ID_TIME.format(anchor);
        RaceTimeline timeline = generate(spec, sessionId, anchor, spec.sessionLength());
        Map<String, String> transponders = transponders(timeline, feed);
        SessionConfig config = sessionConfig(spec, sessionId, timeline, transponders, anchor);
        return new DemoSession(spec, sessionId, config, steps(spec, timeline, transponders, anchor, sessionId, false),
                false);
    }

    /**
     * Carries on with {@code current}, the venue's configuration found in Kafka, if it is a session of this demo
     * venue with at least {@code minimumLeft} to run: the same field (same seed) continues from {@code now} until
     * the session's end. Empty when a new session should start instead.
     */
    static Optional<DemoSession> resume(VenueSpec spec, HardwareFeed feed, SessionConfig current, Instant now,
                                        Duration minimumLeft) {
        String id = current.getSessionId();
        if (!Pattern.matches(Pattern.quote(spec.venueId()) + "-\\d{8}-\\d{6}", id)
                || current.getStopRule().getKind() != StopKind.TIME || !spec.name().equals(current.getName())) {
            return Optional.empty();
        }
        Instant started = current.getUpdatedAt();
        Instant ends = started.plus(spec.sessionLength());
        Duration left = Duration.between(now, ends);
        if (left.compareTo(minimumLeft) < 0) {
            return Optional.empty();
        }
        Instant anchor = now.truncatedTo(ChronoUnit.MILLIS);
        RaceTimeline timeline = generate(spec, id, anchor, left);
        Map<String, String> transponders = transponders(timeline, feed);
        SessionConfig again = sessionConfig(spec, id, timeline, transponders, started);
        if (!again.getEntries().equals(current.getEntries())) {
            return Optional.empty(); // another field (the demo changed): start afresh
        }
        return Optional.of(new DemoSession(spec, id, current, steps(spec, timeline, transponders, anchor, id, true),
                true));
    }

    String sessionId() {
        return sessionId;
    }

    /** The Timing71 service uuid the lap processor gives this session. */
    String serviceUuid() {
        return ServiceIds.serviceUuid(spec.venueId(), sessionId);
    }

    SessionConfig config() {
        return config;
    }

    boolean resumed() {
        return resumed;
    }

    /** The START action of a new session (at the configuration's time); empty for a resumed one. */
    Optional<SessionControl> startControl() {
        if (resumed) {
            return Optional.empty();
        }
        return Optional.of(SessionControl.newBuilder().setVenueId(spec.venueId()).setSessionId(sessionId)
                .setAction(ControlAction.START).setMessage("Session started").setIssuedBy(ISSUED_BY)
                .setAt(config.getUpdatedAt()).build());
    }

    /** Reads and race-control actions in time order. */
    List<Step> steps() {
        return steps;
    }

    private static RaceTimeline generate(VenueSpec spec, String sessionId, Instant anchor, Duration length) {
        long generatorSeconds = Math.max(1, Math.round(length.toMillis() / 1000.0 * spec.timeScale()));
        RaceScenario scenario = new RaceScenario(seed(sessionId), spec.venueId(), sessionId, spec.sessionType(),
                spec.cars(), spec.classes(), spec.sectorCount(), true, StopKind.TIME, generatorSeconds, anchor,
                spec.missedReadRate(), spec.ghostReadRate(), spec.pitStopRate(), spec.safetyCar(),
                spec.unknownTransponder(), spec.dualTransponderCar(), spec.retirement(), false);
        return RaceGenerator.generate(scenario);
    }

    /** Stable over runs (String.hashCode is specified), so a resumed session regenerates its field. */
    private static long seed(String sessionId) {
        return sessionId.hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** Generated transponder → what the venue's hardware reports for it. */
    private static Map<String, String> transponders(RaceTimeline timeline, HardwareFeed feed) {
        Map<String, String> map = new HashMap<>();
        List<GeneratedCar> cars = timeline.cars();
        for (int i = 0; i < cars.size(); i++) {
            for (String transponder : cars.get(i).transponders()) {
                map.put(transponder, feed.transponder(transponder, i));
            }
        }
        return map;
    }

    private static SessionConfig sessionConfig(VenueSpec spec, String sessionId, RaceTimeline timeline,
                                               Map<String, String> transponders, Instant updatedAt) {
        SessionConfig generated = timeline.sessionConfig();
        TrackSettings track = generated.getTrackSettings();
        double k = spec.timeScale();
        TrackSettings scaled = TrackSettings.newBuilder(track)
                .setMinimumLapTimeMillis(Math.round(track.getMinimumLapTimeMillis() / k))
                .setMinimumSector1TimeMillis(Math.round(track.getMinimumSector1TimeMillis() / k))
                .setMinimumSector2TimeMillis(Math.round(track.getMinimumSector2TimeMillis() / k))
                .setMinimumSector3TimeMillis(Math.round(track.getMinimumSector3TimeMillis() / k))
                .setMaximumLapTimeMillis(Math.round(track.getMaximumLapTimeMillis() / k))
                .build();
        List<Entry> entries = new ArrayList<>();
        for (Entry entry : generated.getEntries()) {
            entries.add(Entry.newBuilder(entry)
                    .setTransponders(entry.getTransponders().stream().map(t -> transponders.getOrDefault(t, t)).toList())
                    .build());
        }
        return SessionConfig.newBuilder(generated)
                .setSessionId(sessionId)
                .setName(spec.name())
                .setDescription(spec.description())
                .setStopRule(StopRule.newBuilder().setKind(StopKind.TIME)
                        .setValue(spec.sessionLength().toSeconds())
                        .setLeaderFinishes(true).build())
                .setTrackSettings(scaled)
                .setLineMap(spec.lineMap())
                .setEntries(entries)
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static List<Step> steps(VenueSpec spec, RaceTimeline timeline, Map<String, String> transponders,
                                    Instant anchor, String sessionId, boolean resumed) {
        long anchorMicros = micros(anchor);
        double k = spec.timeScale();
        Map<String, GeneratedCar> byNumber = new HashMap<>();
        timeline.cars().forEach(car -> byNumber.put(car.carNumber(), car));
        List<Step> steps = new ArrayList<>();
        for (DetectorRead read : timeline.crossings()) {
            GeneratedCar car = byNumber.get(read.carNumber());
            String name = car != null && !car.onEntryList() ? car.driver() : null;
            Instant at = real(read.timeMicros(), anchorMicros, k);
            steps.add(new Step(at, new HardwareFeed.Read(transponders.getOrDefault(read.transponder(),
                    read.transponder()), name, read.line(), read.trueIndex(), at), null));
        }
        for (SessionControl control : timeline.controls()) {
            if (control.getAction() == ControlAction.START) {
                continue; // the driver issues START with the configuration
            }
            Instant at = real(micros(control.getAt()), anchorMicros, k);
            steps.add(new Step(at, null, SessionControl.newBuilder(control).setSessionId(sessionId).setAt(at)
                    .setIssuedBy(ISSUED_BY).build()));
        }
        steps.sort(Comparator.comparing(Step::at));
        return List.copyOf(steps);
    }

    private static Instant real(long generatorMicros, long anchorMicros, double k) {
        long offset = Math.round((generatorMicros - anchorMicros) / k);
        long micros = anchorMicros + offset;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .truncatedTo(ChronoUnit.MILLIS);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
