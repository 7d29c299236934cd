package io.pitwall.processor.timing;

import static io.pitwall.processor.timing.SessionFixture.feed;
import static io.pitwall.processor.timing.SessionFixture.micros;
import static io.pitwall.processor.timing.SessionFixture.minimums;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.processor.timing.lap.Lap;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Laps and sectors against the track minimums and maximum (DESIGN.md, lap processor semantics 4). */
class LapRulesTest {

    @Test
    void shouldStartTimingAtFirstFinishAndCompleteLapAtNext() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", "Driver Seven");
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("7", 92.5), f.finish("7", 184.25));

        assertThat(session.laps("7")).extracting(Lap::number, Lap::lapTimeMicros)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, micros(92.5)),
                        org.assertj.core.groups.Tuple.tuple(2, micros(91.75)));
    }

    @Test
    void shouldComputeSectorsBetweenConsecutiveLines() {
        SessionFixture f = new SessionFixture().sectors(3).track(minimums(60_000, 20_000, 20_000, 20_000, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.sector("7", 1, 30.1), f.sector("7", 2, 61.3), f.finish("7", 92.0));

        assertThat(session.laps("7").get(0).sectorTimesMicros())
                .containsExactly(micros(30.1), micros(31.2), micros(30.7));
    }

    @Test
    void shouldIgnoreGhostReadInsideMinimumSector2Time() {
        SessionFixture f = new SessionFixture().sectors(3).track(minimums(60_000, 20_000, 25_000, 20_000, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.sector("7", 1, 30.0),
                f.sector("7", 2, 33.0), // 3 s after sector line 1: a reflection, not a 3 s sector
                f.sector("7", 2, 61.0), f.finish("7", 92.0));

        assertThat(session.laps("7").get(0).sectorTimesMicros())
                .containsExactly(micros(30.0), micros(31.0), micros(31.0));
        assertThat(session.ghostReads()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreDoubleReadOfFinishInsideMinimumLapTime() {
        SessionFixture f = new SessionFixture().track(minimums(60_000, 0, 0, 0, 0)).car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("7", 0.4), f.finish("7", 92.0), f.finish("7", 92.2));

        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros).containsExactly(micros(92.0));
        assertThat(session.ghostReads()).isEqualTo(2);
    }

    @Test
    void shouldUseSectorMinimumsAsLapMinimumWhenMinimumLapTimeIsDisabled() {
        SessionFixture f = new SessionFixture().sectors(2).track(minimums(0, 20_000, 20_000, 0, 0)).car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("7", 1.0), f.sector("7", 1, 45), f.finish("7", 90));

        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros).containsExactly(micros(90));
    }

    @Test
    void shouldMarkLapOverMaximumInvalidAndNotBest() {
        SessionFixture f = new SessionFixture().track(minimums(60_000, 0, 0, 0, 120_000))
                .car("7", "LMP2", null).car("8", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.finish("7", 130.0), f.finish("7", 225.0),
                f.finish("8", 1), f.finish("8", 96.0));

        List<Lap> laps = session.laps("7");
        assertThat(laps).extracting(Lap::invalid).containsExactly(true, false);
        assertThat(laps.get(0).personalBest()).isFalse();
        assertThat(laps.get(0).sessionBest()).isFalse();
        assertThat(laps.get(1).personalBest()).isTrue();
        assertThat(session.snapshot(SessionFixture.at(300)).cars().get(0).bestLap().lapTimeMicros())
                .as("best lap of #7 is the valid one").isEqualTo(micros(95.0));
        assertThat(session.snapshot(SessionFixture.at(300)).cars()).extracting(CarSnapshot::laps)
                .as("an invalid lap still counts").containsExactly(2, 1);
    }

    @Test
    void shouldDeriveLapSnapperSectorIndexFromStartLine() {
        // LapSnapper: 3 timing lines, the lap line flagged, sector lines without an index
        SessionFixture f = new SessionFixture().sectors(3).track(minimums(60_000, 20_000, 20_000, 20_000, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session,
                f.passing("tx7", 0, LineKind.FINISH, null),
                f.passing("tx7", 30.0, LineKind.SECTOR, null),
                f.passing("tx7", 30.3, LineKind.SECTOR, null), // double read: must not become sector line 2
                f.passing("tx7", 61.0, LineKind.SECTOR, null),
                f.passing("tx7", 92.0, LineKind.FINISH, null),
                f.passing("tx7", 121.0, LineKind.SECTOR, null));

        assertThat(session.laps("7").get(0).sectorTimesMicros())
                .containsExactly(micros(30.0), micros(31.0), micros(31.0));
        CarSnapshot car = session.snapshot(SessionFixture.at(125)).cars().get(0);
        assertThat(car.currentSectors()).as("sector 1 of lap 2 is current, 2 and 3 from lap 1")
                .containsExactly(micros(29.0), micros(31.0), micros(31.0));
        assertThat(car.sectorFromLastLap()).containsExactly(false, true, true);
    }

    @Test
    void shouldLeaveBothSectorsAroundAMissedSectorLineNull() {
        SessionFixture f = new SessionFixture().sectors(3).track(minimums(60_000, 20_000, 20_000, 20_000, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.sector("7", 2, 61.0), f.finish("7", 92.0));

        assertThat(session.laps("7").get(0).sectorTimesMicros()).containsExactly(null, null, micros(31.0));
    }

    @Test
    void shouldMakeOneLongLapWithNullSectorsWhenAFinishReadIsMissed() {
        SessionFixture f = new SessionFixture().sectors(2).track(minimums(60_000, 20_000, 20_000, 0, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.sector("7", 1, 45), /* FINISH at 90 missed */
                f.sector("7", 1, 135), f.finish("7", 180));

        List<Lap> laps = session.laps("7");
        assertThat(laps).hasSize(1);
        assertThat(laps.get(0).lapTimeMicros()).isEqualTo(micros(180));
        assertThat(laps.get(0).sectorTimesMicros()).isEqualTo(Arrays.asList(null, null));
    }

    @Test
    void shouldCountPitStopsAndMarkLapsThroughThePitLane() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.finish("7", 0), f.pitIn("7", 85), f.finish("7", 110), f.pitOut("7", 119), f.finish("7", 210),
                f.finish("7", 300));

        assertThat(session.laps("7")).extracting(Lap::inPit).containsExactly(true, true, false);
        assertThat(session.snapshot(SessionFixture.at(301)).cars().get(0).pitStops()).isEqualTo(1);
    }

    @Test
    void shouldMergeTheCrossingsOfACarsTransponders() {
        SessionFixture f = new SessionFixture().track(minimums(60_000, 0, 0, 0, 0)).car("7", "LMP2", null, "A", "B");
        TimingSession session = f.session();

        feed(session, f.passing("A", 0, LineKind.FINISH, null), f.passing("B", 0.01, LineKind.FINISH, null),
                f.passing("A", 92, LineKind.FINISH, null), f.passing("B", 92.01, LineKind.FINISH, null));

        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros).containsExactly(micros(92));
        assertThat(session.laps("7").get(0).transponder()).isEqualTo("A");
    }

    @Test
    void shouldTreatAnUnknownTransponderAsACarNumberedAsTheTransponder() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();

        feed(session, f.passing("4711", 0, LineKind.FINISH, null), f.passing("4711", 95, LineKind.FINISH, null));

        assertThat(session.laps("4711")).hasSize(1);
        assertThat(session.snapshot(SessionFixture.at(96)).cars()).extracting(CarSnapshot::carNumber)
                .containsExactly("4711", "7");
    }

    @Test
    void shouldNameAnUnknownCarAfterItsEarliestNamedCrossingEvenWhenThatOneArrivesLate() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        Passing unnamed = f.passing("4711", 0, LineKind.FINISH, null);
        Passing named = named(f.passing("4711", 95, LineKind.FINISH, null), "Later Name");
        Passing earlierNamed = named(f.passing("4711", 50, LineKind.SECTOR, 1), "Earlier Name");

        feed(session, unnamed, named);
        assertThat(driversOf(session, "4711")).containsExactly("Later Name");

        feed(session, earlierNamed);
        assertThat(driversOf(session, "4711")).containsExactly("Earlier Name");
    }

    private static Passing named(Passing passing, String name) {
        return Passing.newBuilder(passing).setName(name).build();
    }

    private static List<String> driversOf(TimingSession session, String carNumber) {
        return session.snapshot(SessionFixture.at(200)).cars().stream()
                .filter(car -> car.carNumber().equals(carNumber)).findFirst().orElseThrow().identity().drivers();
    }
}
