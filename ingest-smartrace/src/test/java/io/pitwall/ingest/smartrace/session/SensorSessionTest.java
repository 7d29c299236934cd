package io.pitwall.ingest.smartrace.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.smartrace.codec.EventStatus;
import io.pitwall.ingest.smartrace.codec.RaceControlCommand;
import io.pitwall.ingest.smartrace.codec.SensorMessage;
import io.pitwall.ingest.smartrace.codec.SensorMessage.AnalogLap;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitEnter;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitLeave;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerInfo;
import io.pitwall.ingest.smartrace.session.SessionOutput.ClockChanged;
import io.pitwall.ingest.smartrace.session.SessionOutput.Duplicate;
import io.pitwall.ingest.smartrace.session.SessionOutput.FlushAfter;
import io.pitwall.ingest.smartrace.session.SessionOutput.Publish;
import io.pitwall.ingest.smartrace.session.SessionOutput.RaceControlRequest;
import io.pitwall.ingest.smartrace.session.SessionOutput.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SensorSessionTest {

    static final Instant T0 = Instant.parse("2024-08-04T12:05:00Z");
    static final SensorSession.Settings SETTINGS = new SensorSession.Settings(7, Duration.ofMillis(500), Duration.ofMillis(250));

    final ControllerData controllers = new ControllerData(Map.of("1", new ControllerInfo("black", "white", "Nic", "BMW M4")));
    final RecentLaps recent = new RecentLaps(Duration.ofMinutes(30), 100);
    final SensorClocks clocks = new SensorClocks(Duration.ofMinutes(30), 100);
    List<ServerMessage> status = List.of();
    final SensorSession.VenueView venue = new SensorSession.VenueView() {
        @Override
        public ControllerData controllerData() {
            return controllers;
        }

        @Override
        public List<ServerMessage> currentStatus() {
            return status;
        }

        @Override
        public RecentLaps recentLaps() {
            return recent;
        }

        @Override
        public SensorClocks sensorClocks() {
            return clocks;
        }
    };
    final AtomicBoolean local = new AtomicBoolean(true);

    SensorSession session() {
        return session("10.0.0.7");
    }

    SensorSession session(String sensorAddress) {
        return new SensorSession(venue, SETTINGS, sensorAddress, local::get);
    }

    @Test
    void answersApiVersionWithTheThreeRepliesAndTheRaceStatus() {
        status = List.of(new ServerMessage.EventStatusUpdate(EventStatus.RUNNING));

        List<SessionOutput> out = session().onMessage(new SensorMessage.ApiVersionRequest(), T0);

        assertThat(out).containsExactly(
                new Reply(controllers),
                new Reply(new ServerMessage.ServerInfo(false)),
                new Reply(new ServerMessage.ApiVersion(7)),
                new Reply(new ServerMessage.EventStatusUpdate(EventStatus.RUNNING)));
    }

    @Test
    void leavesTheHandshakeToABridgedSmartraceWhileItIsConnected() {
        local.set(false);
        assertThat(session().onMessage(new SensorMessage.ApiVersionRequest(), T0)).isEmpty();
    }

    @Test
    void acceptsControllerSetAndLapsWithoutApiVersion() {
        SensorSession session = session();

        assertThat(session.onMessage(new SensorMessage.ControllerSet("Z"), T0)).isEmpty();
        List<Crossing> crossings = crossings(session.onMessage(new AnalogLap(3, 5_000), T0));

        assertThat(session.role()).isEqualTo("Z");
        assertThat(crossings).singleElement().satisfies(c -> {
            assertThat(c.sequence()).isEqualTo(1);
            assertThat(c.controllerId()).isEqualTo(3);
            assertThat(c.line()).isEqualTo(Line.FINISH);
            assertThat(c.timeMillis()).isEqualTo(T0.toEpochMilli());
            assertThat(c.sensorTimestamp()).hasValue(5_000);
        });
    }

    @Test
    void numbersCrossingsFromOneAndKeepsTheSensorsLapTimes() {
        SensorSession session = session();
        List<SessionOutput> out = new ArrayList<>();
        out.addAll(session.onMessage(new AnalogLap(1, 100_000), T0));
        out.addAll(session.onMessage(new AnalogLap(2, 100_450), T0.plusMillis(470)));
        out.addAll(session.onMessage(new PitEnter(2, OptionalLong.empty()), T0.plusMillis(3_000)));
        out.addAll(session.onMessage(new AnalogLap(1, 105_321), T0.plusMillis(5_390)));

        List<Crossing> crossings = crossings(out);
        assertThat(crossings).extracting(Crossing::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(crossings).extracting(Crossing::line).containsExactly(Line.FINISH, Line.FINISH, Line.PIT_IN, Line.FINISH);
        assertThat(crossings.get(3).timeMillis() - crossings.get(0).timeMillis()).isEqualTo(5_321);
        assertThat(crossings.get(2).timeMillis()).as("no timestamp: received at").isEqualTo(T0.plusMillis(3_000).toEpochMilli());
        assertThat(out).filteredOn(o -> o instanceof ClockChanged).hasSize(1);
    }

    @Test
    void dropsLapsReSentOnANewConnectionAndKeepsTheOldAnchor() {
        SensorSession first = session();
        first.onMessage(new AnalogLap(1, 100_000), T0);
        Crossing lapTwo = crossings(first.onMessage(new AnalogLap(1, 105_000), T0.plusMillis(5_000))).get(0);

        // reconnect 2 s later: the sensor re-sends its last two laps, then races on
        SensorSession second = session();
        Instant reconnect = T0.plusMillis(7_000);
        List<SessionOutput> resent = new ArrayList<>(second.onMessage(new AnalogLap(1, 100_000), reconnect));
        resent.addAll(second.onMessage(new AnalogLap(1, 105_000), reconnect));
        List<Crossing> next = crossings(second.onMessage(new AnalogLap(1, 110_000), T0.plusMillis(10_080)));

        assertThat(resent).containsExactly(new Duplicate(new RecentLaps.Key(Line.FINISH, 1, 100_000)),
                new Duplicate(new RecentLaps.Key(Line.FINISH, 1, 105_000)));
        assertThat(next).singleElement().satisfies(c -> {
            assertThat(c.sequence()).as("duplicates take no sequence").isEqualTo(1);
            assertThat(c.timeMillis() - lapTwo.timeMillis()).as("lap time across the reconnect").isEqualTo(5_000);
        });
    }

    @Test
    void aLapMadeWhileDisconnectedGetsItsExactTime() {
        SensorSession first = session();
        Crossing car1 = crossings(first.onMessage(new AnalogLap(1, 100_000), T0)).get(0);
        Crossing car2 = crossings(first.onMessage(new AnalogLap(2, 100_450), T0.plusMillis(470))).get(0);

        // Wi-Fi gone from T0 + 1 s: car 2 crosses at counter 105 900, car 1 at 106 300; on reconnect at T0 + 7 s
        // the sensor re-sends both, nobody having seen them
        SensorSession second = session();
        Instant reconnect = T0.plusMillis(7_000);
        List<SessionOutput> resent = new ArrayList<>(second.onMessage(new AnalogLap(2, 105_900), reconnect));
        resent.addAll(second.onMessage(new AnalogLap(1, 106_300), reconnect.plusMillis(2)));
        List<Crossing> out = crossings(resent);

        assertThat(out).extracting(Crossing::sequence).as("a new stream, numbered from 1").containsExactly(1L, 2L);
        assertThat(out.get(0).timeMillis() - car2.timeMillis()).as("car 2's lap spanning the outage").isEqualTo(5_450);
        assertThat(out.get(1).timeMillis() - car1.timeMillis()).as("car 1's lap spanning the outage").isEqualTo(6_300);
        assertThat(out.get(0).timeMillis()).isEqualTo(T0.plusMillis(5_900).toEpochMilli());
        assertThat(resent).filteredOn(o -> o instanceof ClockChanged).singleElement()
                .satisfies(o -> assertThat(((ClockChanged) o).reading().carriedOver()).isTrue());
        // and the re-sends of these re-sends, after another reconnect, are still recognised
        SensorSession third = session();
        assertThat(third.onMessage(new AnalogLap(1, 106_300), T0.plusMillis(9_000)))
                .containsExactly(new Duplicate(new RecentLaps.Key(Line.FINISH, 1, 106_300)));
    }

    @Test
    void aSensorAtAnotherAddressDoesNotContinueTheClock() {
        session("10.0.0.7").onMessage(new AnalogLap(1, 100_000), T0);

        List<Crossing> other = crossings(session("10.0.0.8").onMessage(new AnalogLap(1, 101_000), T0.plusMillis(3_000)));

        assertThat(other).singleElement().satisfies(c -> assertThat(c.timeMillis())
                .as("anchored to its own arrival").isEqualTo(T0.plusMillis(3_000).toEpochMilli()));
    }

    @Test
    void pairsAPitLeaveWithTheLapOfTheSameCrossing() {
        SensorSession session = session();
        session.onMessage(new AnalogLap(2, 1_000), T0);

        List<SessionOutput> leave = session.onMessage(new PitLeave(2, OptionalLong.empty()), T0.plusMillis(9_010));
        List<Crossing> crossings = crossings(session.onMessage(new AnalogLap(2, 10_000), T0.plusMillis(9_012)));

        assertThat(leave).containsExactly(new FlushAfter(Duration.ofMillis(250)));
        assertThat(crossings).extracting(Crossing::line).containsExactly(Line.PIT_OUT, Line.FINISH);
        assertThat(crossings).extracting(Crossing::sequence).containsExactly(2L, 3L);
        assertThat(crossings).extracting(Crossing::timeMillis).containsOnly(T0.plusMillis(9_000).toEpochMilli());
        assertThat(crossings).allMatch(Crossing::flpl);
    }

    @Test
    void aPitLeaveWithoutItsLapIsPublishedAloneWhenTheWindowEndsOrAnotherMessageComes() {
        SensorSession session = session();
        session.onMessage(new PitLeave(4, OptionalLong.empty()), T0);

        assertThat(session.flushPending(T0.plusMillis(100))).as("window still open").isEmpty();
        List<Crossing> alone = crossings(session.flushPending(T0.plusMillis(250)));
        assertThat(alone).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(Line.PIT_OUT);
            assertThat(c.flpl()).isFalse();
            assertThat(c.timeMillis()).isEqualTo(T0.toEpochMilli());
        });

        session.onMessage(new PitLeave(4, OptionalLong.empty()), T0.plusMillis(1_000));
        List<Crossing> otherCar = crossings(session.onMessage(new AnalogLap(5, 77), T0.plusMillis(1_010)));
        assertThat(otherCar).extracting(Crossing::line).containsExactly(Line.PIT_OUT, Line.FINISH);
        assertThat(otherCar).extracting(Crossing::controllerId).containsExactly(4, 5);
        assertThat(otherCar).noneMatch(Crossing::flpl);
        assertThat(session.flushPending(T0.plusMillis(5_000))).isEmpty();
    }

    @Test
    void aReSentFlplDoubleMessageIsDroppedWhole() {
        SensorSession first = session();
        first.onMessage(new PitLeave(2, OptionalLong.empty()), T0);
        first.onMessage(new AnalogLap(2, 10_000), T0.plusMillis(3));

        SensorSession second = session();
        List<SessionOutput> out = new ArrayList<>(second.onMessage(new PitLeave(2, OptionalLong.empty()), T0.plusMillis(3_000)));
        out.addAll(second.onMessage(new AnalogLap(2, 10_000), T0.plusMillis(3_001)));

        assertThat(crossings(out)).isEmpty();
        assertThat(out).contains(new Duplicate(new RecentLaps.Key(Line.FINISH, 2, 10_000)));
        assertThat(second.nextSequence()).isEqualTo(1);
    }

    @Test
    void drainPublishesAPendingPitLeave() {
        SensorSession session = session();
        session.onMessage(new PitLeave(1, OptionalLong.empty()), T0);

        assertThat(crossings(session.drain())).extracting(Crossing::line).containsExactly(Line.PIT_OUT);
        assertThat(session.drain()).isEmpty();
    }

    @Test
    void pitMessagesWithATimestampAreTimedAndDeduplicatedLikeLaps() {
        SensorSession session = session();
        session.onMessage(new AnalogLap(1, 1_000), T0);

        List<Crossing> leave = crossings(session.onMessage(new PitLeave(1, OptionalLong.of(3_000)), T0.plusMillis(2_050)));
        List<SessionOutput> again = session.onMessage(new PitLeave(1, OptionalLong.of(3_000)), T0.plusMillis(2_060));

        assertThat(leave).singleElement().satisfies(c -> assertThat(c.timeMillis()).isEqualTo(T0.plusMillis(2_000).toEpochMilli()));
        assertThat(again).containsExactly(new Duplicate(new RecentLaps.Key(Line.PIT_OUT, 1, 3_000)));
    }

    @Test
    void raceControlIsPassedOnWithItsTime() {
        assertThat(session().onMessage(new SensorMessage.RaceControl(RaceControlCommand.VSC), T0))
                .containsExactly(new RaceControlRequest(RaceControlCommand.VSC, T0));
    }

    static List<Crossing> crossings(List<SessionOutput> outputs) {
        return outputs.stream().filter(o -> o instanceof Publish).map(o -> ((Publish) o).crossing()).toList();
    }
}
