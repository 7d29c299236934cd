package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Entry;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.stream.InMemoryReorderStore;
import io.pitwall.processor.stream.ReorderBuffer;
import io.pitwall.processor.stream.ReorderOutcome;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md point 7: the final laps and classification are a pure function of the SET of inputs. Each seed
 * generates three sessions (a race with indexed sector lines, a LapSnapper-style race with index-less sector
 * lines, a qualifying session); each is fed in several arrival orders — shuffled, locally disordered, with
 * duplicates, with race control interleaved, once with a wrong entry list corrected midway — through the
 * dedupe/reorder buffer into the timing model. Every run must end in exactly the generator's ground truth,
 * and the lap events emitted on the way, applied in order, must give the same laps.
 */
class ArrivalOrderIndependenceTest {

    private static final Instant AFTER_THE_SESSION = Instant.parse("2026-05-17T18:00:00Z");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldEndInGroundTruthForAnyArrivalOrderAndDuplication(long seed) {
        List<RaceScenario> scenarios = List.of(
                RaceScenario.race(seed),
                RaceScenario.race(seed + 1000).withSectors(3, false),
                RaceScenario.qualifying(seed + 2000));
        for (RaceScenario scenario : scenarios) {
            RaceTimeline timeline = RaceGenerator.generate(scenario);
            for (Arrival arrival : Arrival.values()) {
                Random random = new Random(seed * 31 + arrival.ordinal());
                Run run = feed(timeline, arrival, random);
                String label = scenario.sessionId() + " " + arrival;
                GroundTruthMatch.assertMatches(label, run.session.allLaps(),
                        run.session.snapshot(AFTER_THE_SESSION).cars(), timeline.groundTruth());
                assertThat(GroundTruthMatch.lapLines(run.fromEvents)).as(label + ": laps from lap events")
                        .isEqualTo(GroundTruthMatch.expectedLapLines(timeline.groundTruth()));
            }
        }
    }

    private enum Arrival {
        IN_ORDER, SHUFFLED_WITH_DUPLICATES, LOCALLY_DISORDERED_WITH_DUPLICATES, REVERSED, WRONG_ENTRY_LIST_CORRECTED
    }

    private record Run(TimingSession session, Map<String, List<Lap>> fromEvents) {
    }

    private static Run feed(RaceTimeline timeline, Arrival arrival, Random random) {
        List<Object> inputs = new ArrayList<>(order(timeline.passings(), arrival, random));
        for (SessionControl control : timeline.controls()) {
            int at = arrival == Arrival.IN_ORDER ? 0 : random.nextInt(inputs.size() + 1);
            inputs.add(at, control);
        }
        SessionConfig correct = timeline.sessionConfig();
        SessionConfig initial = arrival == Arrival.WRONG_ENTRY_LIST_CORRECTED ? withoutFirstEntry(correct) : correct;
        if (initial != correct) {
            inputs.add(random.nextInt(inputs.size() + 1), correct);
        }
        TimingSession session = new TimingSession(initial);
        ReorderBuffer buffer = new ReorderBuffer(new InMemoryReorderStore(), Duration.ofSeconds(2));
        Map<String, Map<Integer, Lap>> events = new TreeMap<>();
        long clock = 0;
        long nextTick = 0;
        for (Object input : inputs) {
            clock += random.nextInt(300);
            if (input instanceof Passing passing) {
                apply(buffer.offer(passing, clock), session, events);
            } else if (input instanceof SessionControl control) {
                record(session.addControl(control), events);
            } else if (input instanceof SessionConfig config) {
                record(session.reconfigure(config), events);
            }
            if (clock >= nextTick) {
                // the processor's wall-clock punctuator
                apply(buffer.expire(clock), session, events);
                nextTick = clock + 1000;
            }
        }
        apply(buffer.expire(Long.MAX_VALUE / 2), session, events);
        Map<String, List<Lap>> fromEvents = new TreeMap<>();
        events.forEach((car, laps) -> {
            if (!laps.isEmpty()) {
                fromEvents.put(car, new ArrayList<>(new TreeMap<>(laps).values()));
            }
        });
        return new Run(session, fromEvents);
    }

    private static void apply(ReorderOutcome outcome, TimingSession session, Map<String, Map<Integer, Lap>> events) {
        for (Passing passing : outcome.forwarded()) {
            record(session.addPassing(passing), events);
        }
    }

    private static void record(TimingUpdate update, Map<String, Map<Integer, Lap>> events) {
        for (LapChange change : update.changes()) {
            Map<Integer, Lap> laps = events.computeIfAbsent(change.carNumber(), c -> new TreeMap<>());
            if (change.kind() == LapEventKind.DELETED) {
                laps.remove(change.lap().number());
            } else {
                laps.put(change.lap().number(), change.lap());
            }
        }
    }

    private static List<Passing> order(List<Passing> inTimeOrder, Arrival arrival, Random random) {
        List<Passing> passings = new ArrayList<>(inTimeOrder);
        switch (arrival) {
            case SHUFFLED_WITH_DUPLICATES -> {
                duplicate(passings, random, 0.2);
                Collections.shuffle(passings, random);
            }
            case LOCALLY_DISORDERED_WITH_DUPLICATES, WRONG_ENTRY_LIST_CORRECTED -> {
                duplicate(passings, random, 0.15);
                // bursts and short reorderings, like a decoder's USB link dropping out
                for (int i = 0; i < passings.size(); i++) {
                    int j = Math.min(passings.size() - 1, i + random.nextInt(8));
                    Collections.swap(passings, i, j);
                }
                for (int n = 0; n < passings.size() / 30; n++) {
                    Passing late = passings.remove(random.nextInt(passings.size()));
                    passings.add(Math.min(passings.size(), random.nextInt(passings.size()) + passings.size() / 3), late);
                }
            }
            case REVERSED -> Collections.reverse(passings);
            default -> {
            }
        }
        return passings;
    }

    private static void duplicate(List<Passing> passings, Random random, double share) {
        int copies = (int) (passings.size() * share);
        for (int i = 0; i < copies; i++) {
            passings.add(Passing.newBuilder(passings.get(random.nextInt(passings.size()))).build());
        }
    }

    private static SessionConfig withoutFirstEntry(SessionConfig config) {
        List<Entry> entries = new ArrayList<>(config.getEntries());
        entries.remove(0);
        return SessionConfig.newBuilder(config).setEntries(entries).build();
    }
}
