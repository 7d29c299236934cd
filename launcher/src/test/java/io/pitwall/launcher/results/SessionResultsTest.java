package io.pitwall.launcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.GroundTruth;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionResultsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1001})
    void shouldGiveTheGroundTruthOfAGeneratedRace(long seed) {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.race(seed));
        SessionResults results = SessionResults.of(GeneratedSession.recorded(race, seed));

        assertThat(results.differences()).isEmpty();
        assertThat(standings(results)).isEqualTo(expectedStandings(race.groundTruth()));
        assertThat(lapLines(results.laps())).isEqualTo(expectedLapLines(race.groundTruth()));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 99})
    void shouldGiveTheGroundTruthOfAGeneratedQualifying(long seed) {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.qualifying(seed));
        SessionResults results = SessionResults.of(GeneratedSession.recorded(race, seed));

        assertThat(results.differences()).isEmpty();
        assertThat(standings(results)).isEqualTo(expectedStandings(race.groundTruth()));
        assertThat(lapLines(results.laps())).isEqualTo(expectedLapLines(race.groundTruth()));
    }

    @Test
    void shouldTotalEachCarsCountedLaps() {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.race(5));
        SessionResults results = SessionResults.of(GeneratedSession.recorded(race, 5));
        for (ClassifiedEntry entry : results.classification()) {
            long sum = results.laps().stream().filter(l -> l.carNumber().equals(entry.carNumber()))
                    .mapToLong(LapRecord::lapTimeMicros).sum();
            if (entry.laps() == 0) {
                assertThat(entry.totalTimeMicros()).isNull();
            } else {
                assertThat(entry.totalTimeMicros()).as("car %s", entry.carNumber()).isEqualTo(sum);
            }
        }
    }

    @Test
    void shouldApplyCorrectionsAndDeletionsInOrder() {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.race(11));
        List<LapEvent> events = new ArrayList<>(GeneratedSession.recorded(race, 11).laps());
        LapEvent first = events.get(0);
        LapEvent deleted = LapEvent.newBuilder(first).setKind(LapEventKind.DELETED).build();
        LapEvent corrected = LapEvent.newBuilder(events.get(1)).setKind(LapEventKind.CORRECTED)
                .setLapTimeMicros(events.get(1).getLapTimeMicros() + 1000).build();
        events.add(deleted);
        events.add(corrected);

        List<LapRecord> laps = SessionResults.finalLaps(events);

        assertThat(laps).noneMatch(l -> l.carNumber().equals(first.getCarNumber())
                && l.lapNumber() == first.getLapNumber());
        assertThat(laps).filteredOn(l -> l.carNumber().equals(corrected.getCarNumber())
                        && l.lapNumber() == corrected.getLapNumber())
                .singleElement().extracting(LapRecord::lapTimeMicros).isEqualTo(corrected.getLapTimeMicros());
    }

    @Test
    void shouldReportLapsThatDisagreeWithTheInputs() {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.race(13));
        RecordedSession recorded = GeneratedSession.recorded(race, 13);
        List<LapEvent> events = new ArrayList<>(recorded.laps());
        LapEvent last = events.get(events.size() - 1);
        events.add(LapEvent.newBuilder(last).setKind(LapEventKind.DELETED).build());
        RecordedSession tampered = new RecordedSession(recorded.config(), recorded.opened(), null, recorded.controls(),
                recorded.passings(), events, recorded.lastState());

        SessionResults results = SessionResults.of(tampered);

        assertThat(results.differences()).contains("car " + last.getCarNumber() + " lap " + last.getLapNumber()
                + " is not in timing.laps");
    }

    static List<String> standings(SessionResults results) {
        List<String> lines = new ArrayList<>();
        for (ClassifiedEntry e : results.classification()) {
            lines.add(e.position() + " #" + e.carNumber() + " laps=" + e.laps() + " best=" + e.bestLapMicros()
                    + " pits=" + e.pitStops() + (e.status().equals("FIN") ? " FIN" : ""));
        }
        return lines;
    }

    static List<String> expectedStandings(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        for (ExpectedStanding s : truth.classification()) {
            lines.add(s.position() + " #" + s.carNumber() + " laps=" + s.laps() + " best=" + s.bestLapMicros()
                    + " pits=" + s.pitStops() + (s.finished() ? " FIN" : ""));
        }
        return lines;
    }

    static List<String> lapLines(List<LapRecord> laps) {
        List<String> lines = new ArrayList<>();
        Map<String, List<LapRecord>> byCar = new TreeMap<>();
        laps.forEach(l -> byCar.computeIfAbsent(l.carNumber(), n -> new ArrayList<>()).add(l));
        byCar.forEach((car, carLaps) -> carLaps.forEach(l -> lines.add(car + " " + l.lapNumber() + " "
                + l.lapTimeMicros() + " " + l.sectorTimesMicros() + " @" + l.finishedAt()
                + (l.invalid() ? " invalid" : "") + (l.inPit() ? " pit" : "") + (l.personalBest() ? " pb" : "")
                + (l.sessionBest() ? " sb" : ""))));
        return lines;
    }

    static List<String> expectedLapLines(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(truth.laps()).forEach((car, carLaps) -> {
            for (ExpectedLap l : carLaps) {
                lines.add(car + " " + l.lapNumber() + " " + l.lapTimeMicros() + " " + l.sectorTimesMicros() + " @"
                        + io.pitwall.processor.timing.lap.Micros.toInstant(l.finishedAtMicros())
                        + (l.invalid() ? " invalid" : "") + (l.inPit() ? " pit" : "") + (l.personalBest() ? " pb" : "")
                        + (l.sessionBest() ? " sb" : ""));
            }
        });
        return lines;
    }
}
