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

    private static Crossing crossing(String stream, long sequence, long time) {
        return new Crossing(new PassingKey(stream, 0, sequence), "tx1", time, LineKind.FINISH, null, null);
    }
}
