package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Passing;
import io.pitwall.processor.timing.lap.CarLaps;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.processor.timing.lap.LapCalculator;
import io.pitwall.processor.timing.lap.LineResolver;
import io.pitwall.processor.timing.lap.TrackLimits;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublishedLapsTest {

    @ParameterizedTest
    @ValueSource(longs = {4, 21})
    void shouldAppendToTheSameFiguresAsComputingTheWholeList(long seed) {
        for (CarLaps car : cars(RaceGenerator.generate(RaceScenario.race(seed).withSectors(3, false)))) {
            List<Lap> laps = car.laps();
            PublishedLaps whole = PublishedLaps.of(laps);
            for (int split = 0; split <= laps.size(); split++) {
                PublishedLaps appended = PublishedLaps.of(laps.subList(0, split)).append(laps.subList(split, laps.size()));
                assertSame(appended, whole, "split at " + split);
                // one lap at a time, as a live session publishes them
                PublishedLaps stepwise = PublishedLaps.NONE;
                for (Lap lap : laps) {
                    stepwise = stepwise.append(List.of(lap));
                }
                assertSame(stepwise, whole, "lap by lap");
            }
        }
    }

    @Test
    void shouldStayEmptyWhenNothingIsAppended() {
        assertSame(PublishedLaps.NONE.append(List.of()), PublishedLaps.NONE, "empty");
    }

    private static void assertSame(PublishedLaps actual, PublishedLaps expected, String what) {
        assertThat(actual.laps()).as(what).isEqualTo(expected.laps());
        assertThat(actual.bestValidUpTo()).as(what + ": best valid up to each lap").isEqualTo(expected.bestValidUpTo());
        assertThat(actual.best()).as(what + ": best lap").isEqualTo(expected.best());
        assertThat(actual.bestSectors()).as(what + ": best sectors").isEqualTo(expected.bestSectors());
        assertThat(actual.finishLine()).as(what + ": finish line").isEqualTo(expected.finishLine());
    }

    private static List<CarLaps> cars(RaceTimeline timeline) {
        LineResolver lines = new LineResolver(timeline.sessionConfig());
        Map<String, TreeSet<Crossing>> byTransponder = new TreeMap<>();
        for (Passing passing : timeline.passings()) {
            Crossing crossing = lines.resolve(passing);
            byTransponder.computeIfAbsent(crossing.transponder(), t -> new TreeSet<>()).add(crossing);
        }
        TrackLimits limits = TrackLimits.of(timeline.sessionConfig());
        return byTransponder.values().stream().map(crossings -> LapCalculator.compute(crossings, limits)).toList();
    }
}
