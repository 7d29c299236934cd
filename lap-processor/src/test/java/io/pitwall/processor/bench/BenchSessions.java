package io.pitwall.processor.bench;

import io.pitwall.events.Passing;
import io.pitwall.events.StopKind;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Generated race sessions for the benchmarks: one per venue, every imperfection of the hardware switched on. */
final class BenchSessions {

    final List<RaceTimeline> races;

    BenchSessions(int venues, int cars, int laps) {
        this(venues, cars, laps, 0);
    }

    /** @param firstVenue the number of the first venue: sessions generated from different numbers are different venues */
    BenchSessions(int venues, int cars, int laps, int firstVenue) {
        races = IntStream.range(0, venues).parallel().mapToObj(v -> generate(1000 + firstVenue + v, cars, laps))
                .toList();
    }

    private static RaceTimeline generate(long seed, int cars, int laps) {
        // the simulator's ReferenceTimer fails on a few seeds (a car without any counted lap: List.of().sort);
        // the ground truth is not needed here, so such a seed is replaced by the next one that works
        for (long s = seed; ; s += 10_000) {
            try {
                return RaceGenerator.generate(RaceScenario.race(s).withCars(cars).withStop(StopKind.LAPS, laps));
            } catch (UnsupportedOperationException e) {
                continue;
            }
        }
    }

    /** Every venue's passings interleaved by passing time, as the venues would send them live. */
    List<Passing> interleaved() {
        List<Passing> all = new ArrayList<>();
        races.forEach(race -> all.addAll(race.passings()));
        all.sort(Comparator.comparing(Passing::getPassingTime));
        return all;
    }
}
