package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares what the engine computed with a generated session's ground truth, in a form that diffs readably. */
final class GroundTruthMatch {

    private GroundTruthMatch() {
    }

    static void assertMatches(String label, Map<String, List<Lap>> engineLaps, List<CarSnapshot> classification,
                              GroundTruth truth) {
        assertThat(lapLines(engineLaps)).as(label + ": laps").isEqualTo(expectedLapLines(truth));
        assertThat(standingLines(classification)).as(label + ": classification")
                .isEqualTo(expectedStandingLines(truth));
    }

    static List<String> lapLines(Map<String, List<Lap>> laps) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(laps).forEach((car, carLaps) -> carLaps.forEach(lap -> lines.add(car + " " + lap.number() + " "
                + lap.lapTimeMicros() + " " + lap.sectorTimesMicros() + " @" + lap.finishMicros()
                + (lap.invalid() ? " invalid" : "") + (lap.inPit() ? " pit" : "")
                + (lap.personalBest() ? " pb" : "") + (lap.sessionBest() ? " sb" : ""))));
        return lines;
    }

    static List<String> expectedLapLines(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(truth.laps()).forEach((car, carLaps) -> {
            for (ExpectedLap lap : carLaps) {
                lines.add(car + " " + lap.lapNumber() + " " + lap.lapTimeMicros() + " " + lap.sectorTimesMicros()
                        + " @" + lap.finishedAtMicros() + (lap.invalid() ? " invalid" : "") + (lap.inPit() ? " pit" : "")
                        + (lap.personalBest() ? " pb" : "") + (lap.sessionBest() ? " sb" : ""));
            }
        });
        return lines;
    }

    static List<String> standingLines(List<CarSnapshot> cars) {
        List<String> lines = new ArrayList<>();
        for (CarSnapshot car : cars) {
            lines.add(car.position() + " #" + car.carNumber() + " laps=" + car.laps() + " best="
                    + (car.bestLap() == null ? null : car.bestLap().lapTimeMicros()) + " pits=" + car.pitStops()
                    + (car.status() == CarStatus.FIN ? " FIN" : ""));
        }
        return lines;
    }

    static List<String> expectedStandingLines(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        for (ExpectedStanding standing : truth.classification()) {
            lines.add(standing.position() + " #" + standing.carNumber() + " laps=" + standing.laps() + " best="
                    + standing.bestLapMicros() + " pits=" + standing.pitStops() + (standing.finished() ? " FIN" : ""));
        }
        return lines;
    }
}
