package io.pitwall.systemtest.harness;

import io.pitwall.events.Entry;
import io.pitwall.events.LineKind;
import io.pitwall.events.LineMapping;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.Source;
import io.pitwall.events.TrackSettings;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.race.GeneratedCar;
import io.pitwall.simulator.race.GroundTruth;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import io.pitwall.simulator.race.ReferenceTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generated race as one kind of timing hardware reports it, with the ground truth for exactly that: the
 * reads the hardware has lines for (LapSnapper and ChronoFly see no pit lane, a Smartrace lap sensor no sector
 * lines), transponders as the hardware names them (Smartrace: controller 1..n), times at the protocol's
 * millisecond resolution, and — for hardware whose ingest anchors times to its own clock (Smartrace) — the
 * whole session sped up by {@code timeScale} and placed at {@code anchor}, to be replayed in real time.
 *
 * <p>The ground truth is the independent {@link ReferenceTimer} applied to those reads and the session
 * configuration race control publishes (entry list, track limits scaled alike, the venue's line map).
 */
public final class HardwareRace {

    /** The four kinds of timing hardware, with the lines each has and the line map race control configures. */
    public enum Hardware {
        LAPSNAPPER(Source.LAPSNAPPER, Set.of(LineKind.FINISH, LineKind.SECTOR), List.of(
                line(Source.LAPSNAPPER, "1", LineKind.FINISH, null),
                line(Source.LAPSNAPPER, "0", LineKind.SECTOR, null))),
        CTP01(Source.CTP01, Set.of(LineKind.FINISH, LineKind.SECTOR, LineKind.PIT_IN, LineKind.PIT_OUT), List.of(
                line(Source.CTP01, "finish", LineKind.FINISH, null),
                line(Source.CTP01, "split1", LineKind.SECTOR, 1),
                line(Source.CTP01, "split2", LineKind.SECTOR, 2),
                line(Source.CTP01, "pitin", LineKind.PIT_IN, null),
                line(Source.CTP01, "pitout", LineKind.PIT_OUT, null))),
        CHRONOFLY(Source.CHRONOCLOUD, Set.of(LineKind.FINISH, LineKind.SECTOR), List.of(
                line(Source.CHRONOCLOUD, "Track-Finish", LineKind.FINISH, null),
                line(Source.CHRONOCLOUD, "Track-Sector", LineKind.SECTOR, 1))),
        SMARTRACE(Source.SMARTRACE, Set.of(LineKind.FINISH, LineKind.PIT_IN, LineKind.PIT_OUT), List.of());

        private final Source source;
        private final Set<LineKind> lines;
        private final List<LineMapping> lineMap;

        Hardware(Source source, Set<LineKind> lines, List<LineMapping> lineMap) {
            this.source = source;
            this.lines = lines;
            this.lineMap = lineMap;
        }

        public Source source() {
            return source;
        }

        private static LineMapping line(Source source, String match, LineKind line, Integer index) {
            return LineMapping.newBuilder().setSource(source).setMatch(match).setLine(line).setLineIndex(index).build();
        }
    }

    private final Hardware hardware;
    private final RaceTimeline timeline;
    private final SessionConfig config;
    private final List<SessionControl> controls;
    private final List<DetectorRead> reads;
    private final GroundTruth truth;

    private HardwareRace(Hardware hardware, RaceTimeline timeline, SessionConfig config, List<SessionControl> controls,
                         List<DetectorRead> reads) {
        this.hardware = hardware;
        this.timeline = timeline;
        this.config = config;
        this.controls = List.copyOf(controls);
        this.reads = List.copyOf(reads);
        this.truth = ReferenceTimer.compute(config, controls, reads);
    }

    /** The race at the generator's own times (for hardware that reports its own absolute times). */
    public static HardwareRace of(Hardware hardware, RaceScenario scenario) {
        return of(hardware, scenario, 1.0, scenario.start());
    }

    /**
     * The race sped up {@code timeScale} times and moved to start at {@code anchor}: for replaying in real time.
     */
    public static HardwareRace of(Hardware hardware, RaceScenario scenario, double timeScale, Instant anchor) {
        RaceTimeline timeline = RaceGenerator.generate(scenario);
        long from = micros(scenario.start());
        long to = micros(anchor);
        Map<String, String> transponders = transponders(hardware, timeline.cars());
        List<DetectorRead> reads = new ArrayList<>();
        for (DetectorRead read : timeline.crossings()) {
            if (!hardware.lines.contains(read.line())) {
                continue;
            }
            long micros = to + Math.round((read.timeMicros() - from) / timeScale);
            reads.add(new DetectorRead(read.carNumber(), transponders.getOrDefault(read.transponder(), read.transponder()),
                    Math.floorDiv(micros, 1000L) * 1000L, read.line(), read.lineIndex(), read.trueIndex(), read.ghost(),
                    hardware.source, read.streamId(), read.streamEpoch(), read.sequence()));
        }
        List<SessionControl> controls = new ArrayList<>();
        for (SessionControl control : timeline.controls()) {
            long micros = to + Math.round((micros(control.getAt()) - from) / timeScale);
            controls.add(SessionControl.newBuilder(control).setAt(Instant.ofEpochMilli(Math.floorDiv(micros, 1000L)))
                    .build());
        }
        SessionConfig generated = timeline.sessionConfig();
        TrackSettings track = generated.getTrackSettings();
        TrackSettings scaled = TrackSettings.newBuilder(track)
                .setMinimumLapTimeMillis(Math.round(track.getMinimumLapTimeMillis() / timeScale))
                .setMinimumSector1TimeMillis(Math.round(track.getMinimumSector1TimeMillis() / timeScale))
                .setMinimumSector2TimeMillis(Math.round(track.getMinimumSector2TimeMillis() / timeScale))
                .setMinimumSector3TimeMillis(Math.round(track.getMinimumSector3TimeMillis() / timeScale))
                .setMaximumLapTimeMillis(Math.round(track.getMaximumLapTimeMillis() / timeScale))
                .build();
        List<Entry> entries = new ArrayList<>();
        for (Entry entry : generated.getEntries()) {
            entries.add(Entry.newBuilder(entry).setTransponders(entry.getTransponders().stream()
                    .map(t -> transponders.getOrDefault(t, t)).toList()).build());
        }
        SessionConfig config = SessionConfig.newBuilder(generated)
                .setTrackSettings(scaled)
                .setLineMap(hardware.lineMap)
                .setEntries(entries)
                .setUpdatedAt(Instant.ofEpochMilli(Math.floorDiv(to, 1000L)))
                .build();
        return new HardwareRace(hardware, timeline, config, controls, reads);
    }

    /** Smartrace names cars by controller: the n-th car of the field is controller n (both its transponders). */
    private static Map<String, String> transponders(Hardware hardware, List<GeneratedCar> cars) {
        Map<String, String> map = new HashMap<>();
        if (hardware == Hardware.SMARTRACE) {
            for (int i = 0; i < cars.size(); i++) {
                for (String transponder : cars.get(i).transponders()) {
                    map.put(transponder, Integer.toString(i + 1));
                }
            }
        }
        return map;
    }

    /**
     * The same race as if the hardware had reported only {@code reported} (a subset of {@link #reads()}): for
     * faults that lose reads by design; the ground truth is recomputed on exactly those.
     */
    public HardwareRace reportingOnly(List<DetectorRead> reported) {
        if (!reads.containsAll(reported)) {
            throw new IllegalArgumentException("reported reads must come from this race");
        }
        return new HardwareRace(hardware, timeline, config, controls, reported);
    }

    public Hardware hardware() {
        return hardware;
    }

    public String venueId() {
        return config.getVenueId();
    }

    public String sessionId() {
        return config.getSessionId();
    }

    /** The Timing71 service uuid the lap processor gives this session. */
    public String serviceUuid() {
        return ServiceIds.serviceUuid(venueId(), sessionId());
    }

    public SessionConfig sessionConfig() {
        return config;
    }

    public List<SessionControl> controls() {
        return controls;
    }

    /** What the hardware reports, in time order, ghosts included: what a simulator sends. */
    public List<DetectorRead> reads() {
        return reads;
    }

    /** The generator's timeline this race was made from. */
    public RaceTimeline timeline() {
        return timeline;
    }

    public GroundTruth groundTruth() {
        return truth;
    }

    /** The ground truth's laps as {@link LapBook#lines} writes them. */
    public List<String> expectedLaps() {
        return LapBook.expected(truth);
    }

    /** The ground truth's classification as {@link Standings#of} writes it. */
    public List<String> expectedClassification() {
        return Standings.expected(truth);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
