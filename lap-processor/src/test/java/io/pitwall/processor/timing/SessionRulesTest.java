package io.pitwall.processor.timing;

import static io.pitwall.processor.timing.SessionFixture.at;
import static io.pitwall.processor.timing.SessionFixture.control;
import static io.pitwall.processor.timing.SessionFixture.feed;
import static io.pitwall.processor.timing.SessionFixture.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionType;
import io.pitwall.processor.timing.lap.Lap;
import org.junit.jupiter.api.Test;

/** Chequered flag, car states, session clock and flags (semantics 6). */
class SessionRulesTest {

    @Test
    void shouldFinishCarsAfterChequeredFlag() {
        SessionFixture f = new SessionFixture().stopAfterLaps(2).car("7", "LMP2", null).car("8", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("8", 1), f.finish("7", 90), f.finish("8", 100),
                f.finish("7", 180), // leader completes lap 2: chequered flag
                f.finish("8", 200), // #8 finishes at its next crossing, one lap down
                f.finish("7", 270), f.finish("8", 300)); // cool-down laps do not count

        assertThat(session.chequeredMicros()).hasValue(micros(180) + SessionFixture.T0.getEpochSecond() * 1_000_000L);
        SessionSnapshot snapshot = session.snapshot(at(400));
        assertThat(snapshot.flag()).isEqualTo(Flag.CHEQUERED);
        assertThat(snapshot.cars()).extracting(CarSnapshot::carNumber, CarSnapshot::laps, CarSnapshot::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("7", 2, CarStatus.FIN),
                        org.assertj.core.groups.Tuple.tuple("8", 2, CarStatus.FIN));
        assertThat(session.laps("7")).hasSize(2);
        assertThat(session.laps("8")).extracting(Lap::finishMicros).last()
                .isEqualTo(micros(200) + SessionFixture.T0.getEpochSecond() * 1_000_000L);
        assertThat(snapshot.lapsRemaining()).isZero();
    }

    @Test
    void shouldFinishCarsAfterAChequeredFlagShownByHand() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 90), f.finish("7", 180), f.finish("7", 270));
        assertThat(session.laps("7")).hasSize(3);

        TimingUpdate update = session.addControl(control(ControlAction.FLAG, 150, Flag.CHEQUERED, null));

        assertThat(session.laps("7")).hasSize(2);
        assertThat(update.changes()).extracting(LapChange::kind).containsExactly(io.pitwall.events.LapEventKind.DELETED);
        assertThat(session.snapshot(at(300)).cars().get(0).status()).isEqualTo(CarStatus.FIN);
    }

    @Test
    void shouldEndATimedRaceWhenTheLeaderCrossesTheLineAfterTheTime() {
        SessionFixture f = new SessionFixture().stopAfterSeconds(200, true).car("7", "LMP2", null)
                .car("8", "LMP2", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));

        feed(session, f.finish("7", 1), f.finish("8", 2), f.finish("7", 91), f.finish("8", 95), f.finish("7", 181),
                f.finish("8", 190), // time expires at 200: #7 leads with 2 laps
                f.finish("8", 285), // #8 crosses first after the time: not the leader, race goes on
                f.finish("7", 271), // leader: chequered
                f.finish("7", 361));

        assertThat(session.chequeredMicros()).hasValue(micros(271) + SessionFixture.T0.getEpochSecond() * 1_000_000L);
        assertThat(session.laps("7")).hasSize(3);
        assertThat(session.laps("8")).hasSize(3);
    }

    @Test
    void shouldEndQualifyingAtTheTimeAndLetCarsCompleteTheirLap() {
        SessionFixture f = new SessionFixture().type(SessionType.QUALIFYING).stopAfterSeconds(200, true)
                .car("7", "LMP2", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));

        feed(session, f.finish("7", 10), f.finish("7", 100), f.finish("7", 190), f.finish("7", 280), f.finish("7", 370));

        assertThat(session.laps("7")).extracting(Lap::number).containsExactly(1, 2, 3);
        SessionSnapshot snapshot = session.snapshot(at(300));
        assertThat(snapshot.remainingMicros()).isZero();
        assertThat(snapshot.cars().get(0).status()).isEqualTo(CarStatus.FIN);
    }

    @Test
    void shouldFollowACarThroughPitStopStates() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        assertThat(status(session, 0)).isEqualTo(CarStatus.NOT_STARTED);
        feed(session, f.finish("7", 0));
        assertThat(status(session, 1)).isEqualTo(CarStatus.RUN);
        feed(session, f.pitIn("7", 85), f.finish("7", 110));
        assertThat(status(session, 111)).as("pit lane runs through the finish loop").isEqualTo(CarStatus.PIT);
        feed(session, f.pitOut("7", 119));
        assertThat(status(session, 120)).isEqualTo(CarStatus.OUT);
        feed(session, f.finish("7", 210));
        assertThat(status(session, 211)).isEqualTo(CarStatus.RUN);
    }

    @Test
    void shouldShowACarSilentForTooLongAsStopped() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 90));

        assertThat(status(session, 200)).isEqualTo(CarStatus.RUN);
        assertThat(status(session, 90 + 121)).isEqualTo(CarStatus.STOP);
    }

    @Test
    void shouldShowACarRetiredByRaceControl() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 90));

        session.addControl(control(ControlAction.RETIREMENT, 150, null, "7"));

        assertThat(status(session, 160)).isEqualTo(CarStatus.RET);
        assertThat(session.laps("7")).as("a retired car keeps its laps").hasSize(1);
    }

    @Test
    void shouldRunTheSessionClock() {
        SessionFixture f = new SessionFixture().stopAfterSeconds(1800, true).car("7", "LMP2", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));

        SessionSnapshot snapshot = session.snapshot(at(600.5));

        assertThat(snapshot.elapsedMicros()).isEqualTo(micros(600.5));
        assertThat(snapshot.remainingMicros()).isEqualTo(micros(1199.5));
        assertThat(snapshot.lapsRemaining()).isNull();
        assertThat(snapshot.flag()).isEqualTo(Flag.GREEN);
    }

    @Test
    void shouldCountLapsRemainingForTheLeader() {
        SessionFixture f = new SessionFixture().stopAfterLaps(10).car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 90), f.finish("7", 180));

        assertThat(session.snapshot(at(200)).lapsRemaining()).isEqualTo(8);
    }

    @Test
    void shouldFreezeTheClockWhenRaceControlStopsTheSession() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));
        session.addControl(control(ControlAction.STOP, 900, null, null));

        assertThat(session.snapshot(at(1000)).elapsedMicros()).isEqualTo(micros(900));
    }

    @Test
    void shouldTakeTheFlagFromRaceControlWhateverTheArrivalOrder() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        assertThat(session.snapshot(at(0)).flag()).isEqualTo(Flag.NONE);

        session.addControl(control(ControlAction.FLAG, 300, Flag.GREEN, null));
        session.addControl(control(ControlAction.FLAG, 200, Flag.SC, null));

        assertThat(session.snapshot(at(400)).flag()).as("the latest flag by time, not by arrival").isEqualTo(Flag.GREEN);
    }

    @Test
    void shouldMarkPersonalAndSessionBestsInFinishTimeOrder() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null).car("8", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("8", 0.5),
                f.finish("7", 92), // 92.0: first lap of the session
                f.finish("8", 93), // 92.5: personal best only
                f.finish("7", 183), // 91.0: both
                f.finish("8", 183.5)); // 90.5: both

        assertThat(session.laps("7")).extracting(Lap::personalBest, Lap::sessionBest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(true, true));
        assertThat(session.laps("8")).extracting(Lap::personalBest, Lap::sessionBest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(true, true));
    }

    private static CarStatus status(TimingSession session, double seconds) {
        return session.snapshot(at(seconds)).cars().get(0).status();
    }
}
