package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Passing;
import io.pitwall.processor.codec.AvroBytes;
import io.pitwall.processor.stream.StoreKeys;
import io.pitwall.processor.stream.StreamKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class TimingInputStoreTest {

    private final KeyValueStore<Bytes, byte[]> store = store();
    private final TimingInputStore inputs = new TimingInputStore(store);

    @Test
    void shouldStorePassingsABucketOfSequencesPerKeyAndReadThemAllBack() {
        List<Passing> passings = new ArrayList<>();
        for (long sequence = 0; sequence < 40; sequence++) {
            passings.add(TopologyHarness.passing(sequence, 100 + sequence * 40));
        }
        passings.forEach(inputs::putPassing);

        assertThat(keys()).as("40 sequences in buckets of %d", PassingBucket.SEQUENCES).hasSize(3);
        assertThat(inputs.venue("v").passings()).containsExactlyInAnyOrderElementsOf(passings);
    }

    @Test
    void shouldStoreAnIdenticalCopyOnceAndKeepBothVersionsOfASequence() {
        Passing passing = TopologyHarness.passing(3, 100);
        Passing otherVersion = Passing.newBuilder(passing).setTransponder("tx8").build();

        inputs.putPassing(passing);
        inputs.putPassing(passing);
        inputs.putPassing(otherVersion);

        // the timing model keeps the canonical version whatever the order: a rebuilt session needs both
        assertThat(inputs.venue("v").passings()).containsExactlyInAnyOrder(passing, otherVersion);
    }

    @Test
    void shouldStoreACopyOnceWhicheverBucketWasWrittenLastAndAfterANewInstanceTookOver() {
        List<Passing> passings = new ArrayList<>();
        for (long sequence = 0; sequence < 2 * PassingBucket.SEQUENCES; sequence++) {
            passings.add(TopologyHarness.passing(sequence, 100 + sequence * 40));
        }
        passings.forEach(inputs::putPassing);
        inputs.putPassing(passings.get(3)); // into the first bucket, after the second was written
        inputs.putPassing(passings.get(passings.size() - 1));
        TimingInputStore restarted = new TimingInputStore(store);
        restarted.putPassing(passings.get(passings.size() - 1));
        restarted.putPassing(passings.get(4));
        Passing next = TopologyHarness.passing(2L * PassingBucket.SEQUENCES, 5_000);
        restarted.putPassing(next);

        List<Passing> expected = new ArrayList<>(passings);
        expected.add(next);
        assertThat(restarted.venue("v").passings()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldDeleteAPassingFromItsBucketAndTheBucketWhenEmpty() {
        Passing first = TopologyHarness.passing(0, 100);
        Passing second = TopologyHarness.passing(1, 140);
        inputs.putPassing(first);
        inputs.putPassing(second);

        inputs.deletePassing(first);
        assertThat(inputs.venue("v").passings()).containsExactly(second);
        inputs.deletePassing(second);
        assertThat(inputs.venue("v").passings()).isEmpty();
        assertThat(keys()).isEmpty();
    }

    @Test
    void shouldStillReadAndDeletePassingsStoredOnePerKey() {
        Passing legacy = TopologyHarness.passing(7, 100);
        byte[] venue = "v".getBytes(StandardCharsets.UTF_8);
        byte[] id = StoreKeys.sequence(new StreamKey("", legacy.getStreamId(), legacy.getStreamEpoch()), 7);
        Bytes key = Bytes.wrap(ByteBuffer.allocate(4 + venue.length + 1 + id.length)
                .putInt(venue.length).put(venue).put((byte) 'P').put(id).array());
        store.put(key, new AvroBytes<>(Passing.class).write(legacy));
        Passing bucketed = TopologyHarness.passing(8, 140);
        inputs.putPassing(bucketed);

        assertThat(inputs.venue("v").passings()).containsExactlyInAnyOrder(legacy, bucketed);
        inputs.deletePassing(legacy);
        assertThat(inputs.venue("v").passings()).containsExactly(bucketed);
    }

    private List<Bytes> keys() {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static KeyValueStore<Bytes, byte[]> store() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TimingInputStore.NAME), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
