package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.PassingKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossingTimelineTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldKeepTheOrderAndTellLateCrossingsAsATreeSetWould(long seed) {
        Random random = new Random(seed);
        List<Crossing> arrivals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // mostly in order, some late, some duplicated, some at the same time on another stream
            long time = i * 1_000L - (random.nextInt(10) == 0 ? random.nextInt(50_000) : 0);
            arrivals.add(crossing(random.nextInt(3) == 0 ? "b" : "a", i, time));
            if (random.nextInt(15) == 0) {
                arrivals.add(arrivals.get(random.nextInt(arrivals.size())));
            }
        }
        CrossingTimeline timeline = new CrossingTimeline();
        TreeSet<Crossing> reference = new TreeSet<>();
        for (Crossing crossing : arrivals) {
            boolean late = reference.higher(crossing) != null;
            reference.add(crossing);
            assertThat(timeline.add(crossing)).as("late: " + crossing).isEqualTo(late);
        }
        assertThat(timeline.asList()).containsExactlyElementsOf(reference);

        Crossing removed = arrivals.get(random.nextInt(arrivals.size()));
        timeline.remove(removed);
        reference.remove(removed);
        assertThat(timeline).containsExactlyElementsOf(reference);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void shouldSortCrossingsAddedAllAtOnceAndKeepEachOnce(long seed) {
        List<Crossing> crossings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            crossings.add(crossing("a", i, i * 500L));
        }
        crossings.addAll(crossings.subList(10, 20));
        Collections.shuffle(crossings, new Random(seed));

        CrossingTimeline timeline = new CrossingTimeline();
        timeline.addAll(crossings);

        assertThat(timeline.asList()).containsExactlyElementsOf(new TreeSet<>(crossings)).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void shouldKnowTheEarliestNamedCrossingThroughLateInsertsRemovalsAndBatches(long seed) {
        Random random = new Random(seed);
        CrossingTimeline timeline = new CrossingTimeline();
        TreeSet<Crossing> reference = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            long time = i * 1_000L - (random.nextInt(8) == 0 ? random.nextInt(60_000) : 0);
            // names are rare, sometimes blank (no name), and may arrive late, before the named crossing known so far
            String name = switch (random.nextInt(12)) {
                case 0 -> "Driver " + i;
                case 1 -> " ";
                default -> null;
            };
            Crossing crossing = new Crossing(new PassingKey("a", 0, i), "tx1", time, LineKind.FINISH, null, name);
            timeline.add(crossing);
            reference.add(crossing);
            if (random.nextInt(10) == 0) {
                Crossing removed = List.copyOf(reference).get(random.nextInt(reference.size()));
                timeline.remove(removed);
                reference.remove(removed);
            }
            assertThat(timeline.firstNamed()).as("after crossing " + i).isEqualTo(firstNamed(reference));
        }
        CrossingTimeline rebuilt = new CrossingTimeline();
        List<Crossing> shuffled = new ArrayList<>(reference);
        Collections.shuffle(shuffled, random);
        rebuilt.addAll(shuffled);
        assertThat(rebuilt.firstNamed()).isEqualTo(firstNamed(reference)).isNotNull();
    }

    private static Crossing firstNamed(TreeSet<Crossing> crossings) {
        return crossings.stream().filter(c -> c.name() != null && !c.name().isBlank()).findFirst().orElse(null);
    }

    private static Crossing crossing(String stream, long sequence, long time) {
        return new Crossing(new PassingKey(stream, 0, sequence), "tx1", time, LineKind.FINISH, null, null);
    }
}
