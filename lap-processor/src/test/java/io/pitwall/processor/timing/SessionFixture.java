package io.pitwall.processor.timing;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small hand-made sessions for the semantic tests: times are seconds after {@link #T0}, transponders are
 * "tx" + car number unless said otherwise, and every passing gets its own sequence on its line's stream.
 */
final class SessionFixture {

    static final String VENUE = "test-venue";
    static final Instant T0 = Instant.parse("2026-05-17T13:00:00Z");

    private final Map<String, Long> sequences = new HashMap<>();
    private SessionType type = SessionType.RACE;
    private int sectors = 1;
    private StopRule stopRule = StopRule.newBuilder().setKind(StopKind.MANUAL).setValue(0).setLeaderFinishes(true).build();
    private TrackSettings track = TrackSettings.newBuilder().setMinimumLapTimeEnabled(true).setMinimumLapTimeMillis(30_000)
            .build();
    private final List<Entry> entries = new ArrayList<>();
    private boolean byTotalTime;

    SessionFixture type(SessionType sessionType) {
        this.type = sessionType;
        return this;
    }

    SessionFixture sectors(int count) {
        this.sectors = count;
        return this;
    }

    SessionFixture stopAfterLaps(int laps) {
        stopRule = StopRule.newBuilder().setKind(StopKind.LAPS).setValue(laps).setLeaderFinishes(true).build();
        return this;
    }

    SessionFixture stopAfterSeconds(long seconds, boolean leaderFinishes) {
        stopRule = StopRule.newBuilder().setKind(StopKind.TIME).setValue(seconds).setLeaderFinishes(leaderFinishes).build();
        return this;
    }

    SessionFixture byTotalTime() {
        this.byTotalTime = true;
        return this;
    }

    SessionFixture track(TrackSettings settings) {
        this.track = settings;
        return this;
    }

    SessionFixture car(String number, String className, String driver, String... transponders) {
        entries.add(Entry.newBuilder().setCarNumber(number).setClassName(className).setTeam("Team " + number)
                .setDrivers(driver == null ? List.of() : List.of(driver)).setCar("Car " + number)
                .setTransponders(transponders.length == 0 ? List.of("tx" + number) : List.of(transponders)).build());
        return this;
    }

    SessionConfig config() {
        return SessionConfig.newBuilder()
                .setVenueId(VENUE).setSessionId("session-1").setName("Test Event").setDescription("Race 1")
                .setType(type).setSectorCount(sectors).setStartLine(0).setStopRule(stopRule)
                .setResultsOrderedByTotalTime(byTotalTime).setTrackSettings(track).setEntries(entries)
                .setUpdatedAt(T0.minusSeconds(3600)).build();
    }

    TimingSession session() {
        return new TimingSession(config());
    }

    static TrackSettings minimums(long lapMillis, long s1, long s2, long s3, long maximumMillis) {
        return TrackSettings.newBuilder().setMinimumLapTimeEnabled(lapMillis > 0).setMinimumLapTimeMillis(lapMillis)
                .setMinimumSector1TimeMillis(s1).setMinimumSector2TimeMillis(s2).setMinimumSector3TimeMillis(s3)
                .setMaximumLapTimeEnabled(maximumMillis > 0).setMaximumLapTimeMillis(maximumMillis).build();
    }

    Passing finish(String car, double seconds) {
        return passing("tx" + car, seconds, LineKind.FINISH, null);
    }

    Passing sector(String car, int line, double seconds) {
        return passing("tx" + car, seconds, LineKind.SECTOR, line);
    }

    Passing pitIn(String car, double seconds) {
        return passing("tx" + car, seconds, LineKind.PIT_IN, null);
    }

    Passing pitOut(String car, double seconds) {
        return passing("tx" + car, seconds, LineKind.PIT_OUT, null);
    }

    /** A passing on the stream of its line; {@code index} null for a LapSnapper-style sector line. */
    Passing passing(String transponder, double seconds, LineKind line, Integer index) {
        String stream = line == LineKind.SECTOR ? "s" + (index == null ? "" : index) : line.name().toLowerCase();
        long sequence = sequences.merge(stream, 1L, Long::sum);
        return Passing.newBuilder().setVenueId(VENUE).setSource(Source.CTP01).setStreamId(stream).setStreamEpoch(0)
                .setSequence(sequence).setTransponder(transponder).setPassingTime(at(seconds)).setLine(line)
                .setLineIndex(index).setReceivedAt(at(seconds)).build();
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1_000_000) * 1000L);
    }

    static long micros(double seconds) {
        return Math.round(seconds * 1_000_000);
    }

    static SessionControl control(ControlAction action, double seconds, Flag flag, String carNumber) {
        return SessionControl.newBuilder().setVenueId(VENUE).setSessionId("session-1").setAction(action).setFlag(flag)
                .setCarNumber(carNumber).setAt(at(seconds)).build();
    }

    /** Adds the passings in the order given and returns the last update. */
    static TimingUpdate feed(TimingSession session, Passing... passings) {
        TimingUpdate last = TimingUpdate.ignored();
        for (Passing passing : passings) {
            last = session.addPassing(passing);
        }
        return last;
    }
}
