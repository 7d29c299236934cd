package io.pitwall.processor.timing.lap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.Passing;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A walk continued crossing by crossing gives, after every crossing, exactly what a walk over the whole prefix
 * gives: the timing session relies on this to time a passing that comes after all others in constant time.
 */
class LapCalculatorWalkTest {

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 42})
    void shouldEqualAFullWalkAfterEveryCrossing(long seed) {
        for (RaceTimeline timeline : List.of(RaceGenerator.generate(RaceScenario.race(seed)),
                RaceGenerator.generate(RaceScenario.race(seed).withSectors(3, false)),
                RaceGenerator.generate(RaceScenario.qualifying(seed)))) {
            LineResolver lines = new LineResolver(timeline.sessionConfig());
            TrackLimits limits = TrackLimits.of(timeline.sessionConfig());
            Map<String, TreeSet<Crossing>> byTransponder = new TreeMap<>();
            for (Passing passing : timeline.passings()) {
                Crossing crossing = lines.resolve(passing);
                byTransponder.computeIfAbsent(crossing.transponder(), t -> new TreeSet<>()).add(crossing);
            }
            byTransponder.forEach((transponder, crossings) -> {
                LapCalculator.Walk walk = LapCalculator.start(limits);
                List<Crossing> prefix = new ArrayList<>();
                for (Crossing crossing : crossings) {
                    walk.add(crossing);
                    prefix.add(crossing);
                    assertThat(walk.result()).as(transponder + " after " + prefix.size() + " crossings")
                            .isEqualTo(LapCalculator.compute(prefix, limits));
                }
                assertThat(walk.last()).isEqualTo(crossings.last());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 29})
    void shouldKeepEveryEarlierResultAsItWasWhileTheWalkGoesOn(long seed) {
        // results share their lists with the walk rather than copying them: later crossings must not show through
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(seed).withSectors(3, false));
        LineResolver lines = new LineResolver(timeline.sessionConfig());
        TrackLimits limits = TrackLimits.of(timeline.sessionConfig());
        TreeSet<Crossing> crossings = new TreeSet<>();
        String transponder = lines.resolve(timeline.passings().get(0)).transponder();
        for (Passing passing : timeline.passings()) {
            Crossing crossing = lines.resolve(passing);
            if (crossing.transponder().equals(transponder)) {
                crossings.add(crossing);
            }
        }
        LapCalculator.Walk walk = LapCalculator.start(limits);
        List<CarLaps> results = new ArrayList<>();
        for (Crossing crossing : crossings) {
            walk.add(crossing);
            results.add(walk.result());
        }
        List<Crossing> prefix = new ArrayList<>();
        int index = 0;
        for (Crossing crossing : crossings) {
            prefix.add(crossing);
            assertThat(results.get(index++)).as("result after " + prefix.size() + " crossings, read at the end")
                    .isEqualTo(LapCalculator.compute(prefix, limits));
        }
        assertThat(results.get(results.size() - 1).laps()).as("laps of the whole walk").hasSizeGreaterThan(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {5})
    void shouldRefuseACrossingThatDoesNotComeAfterTheOthers(long seed) {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(seed));
        LineResolver lines = new LineResolver(timeline.sessionConfig());
        LapCalculator.Walk walk = LapCalculator.start(TrackLimits.of(timeline.sessionConfig()));
        Crossing first = lines.resolve(timeline.passings().get(0));
        walk.add(first);

        assertThatThrownBy(() -> walk.add(first)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in time order");
    }
}
