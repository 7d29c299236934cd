package io.pitwall.simulator.race;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated session: configuration, race-control actions, the physical crossings, what the decoders
 * reported, and the ground truth. Everything is in time order, ready to be replayed by a protocol simulator
 * (each {@link DetectorRead} carries its stream and sequence) or fed straight into the lap processor as
 * {@link Passing}s.
 */
public final class RaceTimeline {

    private final RaceScenario scenario;
    private final SessionConfig config;
    private final List<SessionControl> controls;
    private final List<GeneratedCar> cars;
    private final List<TrackCrossing> trackCrossings;
    private final List<DetectorRead> reads;
    private final GroundTruth groundTruth;

    RaceTimeline(RaceScenario scenario, SessionConfig config, List<SessionControl> controls, List<GeneratedCar> cars,
                 List<TrackCrossing> trackCrossings, List<DetectorRead> reads, GroundTruth groundTruth) {
        this.scenario = scenario;
        this.config = config;
        this.controls = List.copyOf(controls);
        this.cars = List.copyOf(cars);
        this.trackCrossings = List.copyOf(trackCrossings);
        this.reads = List.copyOf(reads);
        this.groundTruth = groundTruth;
    }

    public RaceScenario scenario() {
        return scenario;
    }

    /** The session configuration race control would publish (entry list without the unknown transponder). */
    public SessionConfig sessionConfig() {
        return config;
    }

    /** START, safety-car flags, a retirement — in time order. */
    public List<SessionControl> controls() {
        return controls;
    }

    /** The field, including the car whose transponder is not on the entry list. */
    public List<GeneratedCar> cars() {
        return cars;
    }

    /** Every physical line crossing, read or missed, in time order (the truth). */
    public List<TrackCrossing> trackCrossings() {
        return trackCrossings;
    }

    /** What the timing hardware reports, in time order: missed crossings absent, double reads present. */
    public List<DetectorRead> crossings() {
        return reads;
    }

    /** The same reads as Avro {@link Passing}s, in time order. */
    public List<Passing> passings() {
        Map<String, String> names = new HashMap<>();
        for (GeneratedCar car : cars) {
            for (String transponder : car.transponders()) {
                names.put(transponder, car.onEntryList() ? null : "Guest " + transponder);
            }
        }
        List<Passing> passings = new ArrayList<>(reads.size());
        for (DetectorRead read : reads) {
            Instant time = Instant.ofEpochSecond(read.timeMicros() / 1_000_000L, (read.timeMicros() % 1_000_000L) * 1000);
            Map<String, String> attributes = new HashMap<>();
            if (read.source() == Source.LAPSNAPPER) {
                attributes.put("lapLine", read.line() == LineKind.FINISH ? "1" : "0");
            }
            passings.add(Passing.newBuilder()
                    .setVenueId(scenario.venueId())
                    .setSource(read.source())
                    .setStreamId(read.streamId())
                    .setStreamEpoch(read.streamEpoch())
                    .setSequence(read.sequence())
                    .setTransponder(read.transponder())
                    .setName(names.get(read.transponder()))
                    .setPassingTime(time)
                    .setLine(read.line())
                    .setLineIndex(read.lineIndex())
                    .setReceivedAt(time.plusMillis(40))
                    .setAttributes(attributes)
                    .build());
        }
        return passings;
    }

    /** The laps and classification a correct timer arrives at from {@link #crossings()}. */
    public GroundTruth groundTruth() {
        return groundTruth;
    }
}
