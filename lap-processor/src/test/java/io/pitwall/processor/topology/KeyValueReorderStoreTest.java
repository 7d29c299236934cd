package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Passing;
import io.pitwall.processor.stream.ReorderBuffer;
import io.pitwall.processor.stream.ReorderOutcome;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class KeyValueReorderStoreTest {

    private final KeyValueStore<Bytes, byte[]> positions = store(ReorderProcessor.POSITIONS_STORE);
    private final KeyValueStore<Bytes, byte[]> held = store(ReorderProcessor.HELD_STORE);

    @Test
    void shouldReleaseWhatAnEarlierInstanceHeldWhenTheGapCloses() {
        ReorderBuffer before = new ReorderBuffer(new KeyValueReorderStore(positions, held), Duration.ofSeconds(2));
        before.offer(TopologyHarness.passing(0, 100), 0);
        before.offer(TopologyHarness.passing(2, 180), 0);
        before.offer(TopologyHarness.passing(3, 220), 0);

        // a restart: the new instance learns from the store what is held
        ReorderBuffer after = new ReorderBuffer(new KeyValueReorderStore(positions, held), Duration.ofSeconds(2));
        ReorderOutcome closed = after.offer(TopologyHarness.passing(1, 140), 10);

        assertThat(closed.forwarded()).extracting(Passing::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(after.offer(TopologyHarness.passing(4, 260), 20).forwarded())
                .extracting(Passing::getSequence).containsExactly(4L);
    }

    @Test
    void shouldSkipAGapAnEarlierInstanceHeldOnceItsDelayIsOver() {
        ReorderBuffer before = new ReorderBuffer(new KeyValueReorderStore(positions, held), Duration.ofSeconds(2));
        before.offer(TopologyHarness.passing(0, 100), 0);
        before.offer(TopologyHarness.passing(5, 300), 1_000);

        ReorderBuffer after = new ReorderBuffer(new KeyValueReorderStore(positions, held), Duration.ofSeconds(2));
        assertThat(after.expire(2_500).forwarded()).isEmpty();
        ReorderOutcome expired = after.expire(3_000);

        assertThat(expired.forwarded()).extracting(Passing::getSequence).containsExactly(5L);
        assertThat(expired.skippedGaps()).hasSize(1);
        assertThat(after.expire(10_000).forwarded()).as("nothing is held any more").isEmpty();
    }

    @Test
    void shouldCountAPassingHeldTwiceOnce() {
        KeyValueReorderStore store = new KeyValueReorderStore(positions, held);
        ReorderBuffer buffer = new ReorderBuffer(store, Duration.ofSeconds(2));
        buffer.offer(TopologyHarness.passing(0, 100), 0);
        buffer.offer(TopologyHarness.passing(2, 180), 0);
        assertThat(buffer.offer(TopologyHarness.passing(2, 180), 0).duplicates()).isEqualTo(1);

        assertThat(buffer.offer(TopologyHarness.passing(1, 140), 0).forwarded()).hasSize(2);
        assertThat(buffer.expire(60_000).forwarded()).isEmpty();
        assertThat(store.allHeld()).isEmpty();
    }

    private static KeyValueStore<Bytes, byte[]> store(String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
