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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A TIME stop rule that does not wait for a leader (practice, qualifying, a race without leaderFinishes) knows
 * its chequered flag from the session start. The flag, the cars' FIN, the laps remaining and the ended session
 * follow the wall clock ({@code now}); the laps cut at each car's finish follow the inputs only.
 */
class TimedSessionFlagTest {

    static Stream<Arguments> timedSessions() {
        return Stream.of(Arguments.of(SessionType.PRACTICE, true), Arguments.of(SessionType.QUALIFYING, true),
                Arguments.of(SessionType.QUALIFYING, false), Arguments.of(SessionType.RACE, false));
    }

    @ParameterizedTest(name = "{0}, leaderFinishes={1}")
    @MethodSource("timedSessions")
    void shouldShowGreenUntilTheTimeIsUpAndChequeredFromThen(SessionType type, boolean leaderFinishes) {
        SessionFixture f = new SessionFixture().type(type).stopAfterSeconds(600, leaderFinishes).car("7", "GT3", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));
        feed(session, f.finish("7", 10), f.finish("7", 100), f.finish("7", 190));

        SessionSnapshot running = session.snapshot(at(200));
        assertThat(running.flag()).as("10 minutes of a %s: 200 s in", type).isEqualTo(Flag.GREEN);
        assertThat(running.chequeredMicros()).isNull();
        assertThat(running.remainingMicros()).isEqualTo(micros(400));
        assertThat(running.cars().get(0).status()).isEqualTo(CarStatus.RUN);
        assertThat(session.chequeredBy(at(200).toEpochMilli() * 1000)).isFalse();
        assertThat(session.endedMicros(at(200).toEpochMilli() * 1000)).isEmpty();

        SessionSnapshot justBefore = session.snapshot(at(599.999));
        assertThat(justBefore.flag()).isEqualTo(Flag.GREEN);

        SessionSnapshot atTheTime = session.snapshot(at(600));
        assertThat(atTheTime.flag()).isEqualTo(Flag.CHEQUERED);
        assertThat(atTheTime.remainingMicros()).isZero();
        assertThat(atTheTime.chequeredMicros()).isEqualTo(epochMicros(600));
        assertThat(session.endedMicros(at(600).toEpochMilli() * 1000)).hasValue(epochMicros(600));
    }

    @ParameterizedTest(name = "{0}, leaderFinishes={1}")
    @MethodSource("timedSessions")
    void shouldFinishACarAtItsFirstCrossingAfterTheTimeWhateverTheClock(SessionType type, boolean leaderFinishes) {
        SessionFixture f = new SessionFixture().type(type).stopAfterSeconds(200, leaderFinishes).car("7", "GT3", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));

        feed(session, f.finish("7", 10), f.finish("7", 100), f.finish("7", 190), f.finish("7", 280),
                f.finish("7", 370));

        assertThat(session.laps("7")).as("the lap completed at 280 s, after the time, is the last one counted")
                .extracting(Lap::number).containsExactly(1, 2, 3);
        assertThat(session.snapshot(at(281)).cars().get(0).status()).isEqualTo(CarStatus.FIN);
        assertThat(session.snapshot(at(281)).flag()).isEqualTo(Flag.CHEQUERED);
    }

    @Test
    void shouldNotShowAPracticeCarFinishedBeforeTheTimeIsUp() {
        SessionFixture f = new SessionFixture().type(SessionType.PRACTICE).stopAfterSeconds(3600, true)
                .car("7", "GT3", null).car("8", "GT3", null);
        TimingSession session = f.session();
        session.addControl(control(ControlAction.START, 0, null, null));
        feed(session, f.finish("7", 10), f.finish("8", 12), f.finish("7", 100), f.finish("8", 104));

        SessionSnapshot snapshot = session.snapshot(at(120));

        assertThat(snapshot.cars()).extracting(CarSnapshot::status).containsOnly(CarStatus.RUN);
        assertThat(snapshot.flag()).isEqualTo(Flag.GREEN);
    }

    @Test
    void shouldCountLapsRemainingDownToZeroOnlyOnceTheLeaderHasDoneThem() {
        SessionFixture f = new SessionFixture().stopAfterLaps(2).car("7", "GT3", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 90));
        assertThat(session.snapshot(at(95)).lapsRemaining()).isEqualTo(1);
        assertThat(session.snapshot(at(95)).flag()).isEqualTo(Flag.GREEN);

        feed(session, f.finish("7", 180));

        assertThat(session.snapshot(at(185)).lapsRemaining()).isZero();
        assertThat(session.snapshot(at(185)).flag()).isEqualTo(Flag.CHEQUERED);
    }

    private static long epochMicros(double seconds) {
        return SessionFixture.T0.getEpochSecond() * 1_000_000L + micros(seconds);
    }
}
