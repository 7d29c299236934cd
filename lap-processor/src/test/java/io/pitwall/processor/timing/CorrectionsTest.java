package io.pitwall.processor.timing;

import static io.pitwall.processor.timing.SessionFixture.feed;
import static io.pitwall.processor.timing.SessionFixture.micros;
import static io.pitwall.processor.timing.SessionFixture.minimums;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pitwall.events.Entry;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.processor.timing.lap.Lap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Late passings and configuration changes recompute laps and report the difference (semantics 3, 7). */
class CorrectionsTest {

    @Test
    void shouldReportCompletedLapsInOrdinaryOrder() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();

        assertThat(session.addPassing(f.finish("7", 0)).changes()).isEmpty();
        TimingUpdate update = session.addPassing(f.finish("7", 92));

        assertThat(update.changes()).extracting(LapChange::kind, LapChange::carNumber, c -> c.lap().number(),
                LapChange::reason).containsExactly(tuple(LapEventKind.COMPLETED, "7", 1, null));
    }

    @Test
    void shouldDropDuplicatePassingAndCountIt() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        Passing lap = f.finish("7", 92);
        feed(session, f.finish("7", 0), lap);

        TimingUpdate again = session.addPassing(Passing.newBuilder(lap).build());

        assertThat(again.accepted()).isFalse();
        assertThat(again.changes()).isEmpty();
        assertThat(session.duplicatePassings()).isEqualTo(1);
        assertThat(session.laps("7")).hasSize(1);
    }

    @Test
    void shouldInsertLatePassingAndEmitCorrection() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        Passing missing = f.finish("7", 92);
        feed(session, f.finish("7", 0), f.finish("7", 184), f.finish("7", 276));
        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros).containsExactly(micros(184), micros(92));

        TimingUpdate update = session.addPassing(missing);

        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros)
                .containsExactly(micros(92), micros(92), micros(92));
        assertThat(update.changes()).extracting(LapChange::kind, c -> c.lap().number())
                .containsExactly(tuple(LapEventKind.CORRECTED, 1), tuple(LapEventKind.CORRECTED, 2),
                        tuple(LapEventKind.COMPLETED, 3));
        LapChange first = update.changes().get(0);
        assertThat(first.previous().lapTimeMicros()).isEqualTo(micros(184));
        assertThat(first.reason()).startsWith("late passing inserted").contains("lap time 184.000 s → 92.000 s");
    }

    @Test
    void shouldDeleteLapsThatALatePassingTurnsIntoGhosts() {
        // the early read arrives late and makes the later one fall inside the minimum lap time
        SessionFixture f = new SessionFixture().track(minimums(60_000, 0, 0, 0, 0)).car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.finish("7", 0), f.finish("7", 92), f.finish("7", 184));
        assertThat(session.laps("7")).hasSize(2);

        TimingUpdate update = session.addPassing(f.finish("7", 61));

        assertThat(session.laps("7")).extracting(Lap::lapTimeMicros).containsExactly(micros(61), micros(123));
        assertThat(update.changes()).extracting(LapChange::kind)
                .containsExactly(LapEventKind.CORRECTED, LapEventKind.CORRECTED);
        assertThat(session.ghostReads()).isEqualTo(1);
    }

    @Test
    void shouldRecomputeWhenMinimumSectorTimeCorrected() {
        SessionFixture f = new SessionFixture().sectors(2).track(minimums(60_000, 40_000, 30_000, 0, 0))
                .car("7", "LMP2", null);
        TimingSession session = f.session();
        // sector 1 really takes 35 s here: the too-high minimum rejects the real read
        feed(session, f.finish("7", 0), f.sector("7", 1, 35), f.finish("7", 90));
        assertThat(session.laps("7").get(0).sectorTimesMicros()).containsExactly(null, null);
        assertThat(session.ghostReads()).isEqualTo(1);

        SessionConfig corrected = SessionConfig.newBuilder(session.config())
                .setTrackSettings(minimums(60_000, 20_000, 30_000, 0, 0)).build();
        TimingUpdate update = session.reconfigure(corrected);

        assertThat(session.laps("7").get(0).sectorTimesMicros()).containsExactly(micros(35), micros(55));
        assertThat(session.ghostReads()).isZero();
        assertThat(update.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(LapEventKind.CORRECTED);
            assertThat(change.reason()).startsWith("session configuration changed").contains("sector times changed");
        });
    }

    @Test
    void shouldMoveLapsWhenTransponderReassigned() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null, "A").car("8", "LMP2", null, "B");
        TimingSession session = f.session();
        feed(session, f.passing("A", 0, io.pitwall.events.LineKind.FINISH, null),
                f.passing("A", 92, io.pitwall.events.LineKind.FINISH, null));
        assertThat(session.laps("7")).hasSize(1);

        // race control: transponder A was fitted to car 8, not car 7
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.newBuilder(session.config().getEntries().get(0)).setTransponders(List.of("B")).build());
        entries.add(Entry.newBuilder(session.config().getEntries().get(1)).setTransponders(List.of("A")).build());
        TimingUpdate update = session.reconfigure(SessionConfig.newBuilder(session.config()).setEntries(entries).build());

        assertThat(session.laps("7")).isEmpty();
        assertThat(session.laps("8")).extracting(Lap::lapTimeMicros).containsExactly(micros(92));
        assertThat(update.changes()).extracting(LapChange::kind, LapChange::carNumber)
                .containsExactlyInAnyOrder(tuple(LapEventKind.DELETED, "7"), tuple(LapEventKind.COMPLETED, "8"));
        assertThat(update.changes()).allSatisfy(c -> assertThat(c.reason()).isEqualTo("session configuration changed"));
    }

    @Test
    void shouldTurnAnUnknownTransponderIntoTheCarItIsAddedTo() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null);
        TimingSession session = f.session();
        feed(session, f.passing("4711", 0, io.pitwall.events.LineKind.FINISH, null),
                f.passing("4711", 95, io.pitwall.events.LineKind.FINISH, null));

        List<Entry> entries = new ArrayList<>(session.config().getEntries());
        entries.add(Entry.newBuilder().setCarNumber("44").setClassName("GT3").setTransponders(List.of("4711")).build());
        session.reconfigure(SessionConfig.newBuilder(session.config()).setEntries(entries).build());

        assertThat(session.laps("4711")).isEmpty();
        assertThat(session.laps("44")).hasSize(1);
    }

    @Test
    void shouldCorrectBestLapFlagsOfOtherCarsWhenALatePassingChangesTheSessionBest() {
        SessionFixture f = new SessionFixture().car("7", "LMP2", null).car("8", "LMP2", null);
        TimingSession session = f.session();
        Passing late = f.finish("7", 90);
        feed(session, f.finish("7", 0), f.finish("8", 1), f.finish("8", 93), f.finish("7", 180));
        assertThat(session.laps("8").get(0).sessionBest()).as("#8's 92 s lap was the first lap of the session").isTrue();

        TimingUpdate update = session.addPassing(late);

        assertThat(session.laps("7").get(0).sessionBest()).as("#7's 90 s lap was first and fastest").isTrue();
        assertThat(session.laps("8").get(0).sessionBest()).as("#8 finished after #7's 90 s lap").isFalse();
        assertThat(session.laps("8").get(0).personalBest()).isTrue();
        assertThat(update.changes()).extracting(LapChange::kind, LapChange::carNumber, c -> c.lap().number())
                .containsExactly(tuple(LapEventKind.CORRECTED, "7", 1), tuple(LapEventKind.COMPLETED, "7", 2),
                        tuple(LapEventKind.CORRECTED, "8", 1));
        assertThat(update.changes().get(2).changesTiming()).as("only #8's flags changed").isFalse();
    }
}
