package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatePacerTest {

    private final StatePacer pacer = new StatePacer(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void shouldPublishTheFirstChangeAtOnce() {
        assertThat(pacer.changed(990, 1_000)).isTrue();
        assertThat(pacer.published(1_000)).as("timestamp of the input it shows").isEqualTo(990);
    }

    @Test
    void shouldHoldChangesWithinTheMinimumIntervalUntilTheirSlot() {
        pacer.changed(1_000, 1_000);
        pacer.published(1_000);

        assertThat(pacer.changed(1_020, 1_020)).isFalse();
        assertThat(pacer.changed(1_050, 1_050)).isFalse();
        assertThat(pacer.due(1_099, () -> true)).isFalse();
        assertThat(pacer.due(1_100, () -> false)).isTrue();
        assertThat(pacer.published(1_100)).as("the oldest change it is the first to show").isEqualTo(1_020);
        assertThat(pacer.pending()).isFalse();
        assertThat(pacer.due(1_250, () -> false)).isFalse();
    }

    @Test
    void shouldTickOnlyWhileTheClockRuns() {
        pacer.changed(1_000, 1_000);
        pacer.published(1_000);

        assertThat(pacer.due(1_999, () -> true)).isFalse();
        assertThat(pacer.due(2_000, () -> false)).isFalse();
        assertThat(pacer.due(2_000, () -> true)).isTrue();
        assertThat(pacer.published(2_000)).as("a tick carries the wall clock").isEqualTo(2_000);
    }

    @Test
    void shouldNeverStampAStateLaterThanItIsPublished() {
        pacer.changed(5_000, 1_000); // an input stamped by a clock running ahead
        assertThat(pacer.published(1_000)).isEqualTo(1_000);
    }

    @Test
    void shouldPublishOncePerTickWhileCatchingUpOnABacklog() {
        pacer.changed(1_000, 1_000);
        pacer.published(1_000);

        assertThat(pacer.changed(-30_000, 1_200)).as("an input 31 s old: a backlog").isFalse();
        assertThat(pacer.due(1_500, () -> true)).as("not at the live pace").isFalse();
        assertThat(pacer.due(1_999, () -> true)).isFalse();
        assertThat(pacer.due(2_000, () -> true)).isTrue();
        assertThat(pacer.published(2_000)).isEqualTo(-30_000);

        assertThat(pacer.changed(2_090, 2_100)).as("caught up: a fresh input").isTrue();
    }
}
