package io.pitwall.ingest.lapsnapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaStreamPositionStoreTest {

    static final String TOPIC = "pitwall.ingest-offsets";
    static final StreamKey SPA = new StreamKey("spa", 10022);
    static final StreamKey MONZA = new StreamKey("monza", 7);

    final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    final KafkaStreamPositionStore store = new KafkaStreamPositionStore(producer, () -> consumer,
            Duration.ofSeconds(5), () -> 123L);

    @Test
    void aSavedPositionIsOneJsonRecordKeyedByVenueAndDevice() {
        store.save(new StreamPosition(SPA, 1_700_000_000_000L, 4711, 1_767_229_200_123L));

        var record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo("spa/lapsnapper/10022");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"source\":\"LAPSNAPPER\","
                + "\"venueId\":\"spa\",\"streamId\":\"spa/decoder-10022\",\"deviceId\":10022,"
                + "\"streamEpoch\":1700000000000,\"highestSequence\":4711,"
                + "\"highestPassingTimeMillis\":1767229200123,\"updatedAt\":123}");
    }

    @Test
    void loadingKeepsTheLatestPositionOfTheRequestedVenuesAndSkipsEverythingElse() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null),
                new PartitionInfo(TOPIC, 1, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, 4L, p1, 2L));
        consumer.schedulePollTask(() -> {
            add(p0, 0, SPA.storeKey(), json(new StreamPosition(SPA, 1, 10, 100)));
            add(p0, 1, SPA.storeKey(), json(new StreamPosition(SPA, 2, 20, 200)));
            add(p0, 2, "spa/ctp01/finish", "{\"whatever\":1}".getBytes(StandardCharsets.UTF_8));
            add(p0, 3, "spa/lapsnapper/99", "not json".getBytes(StandardCharsets.UTF_8));
            add(p1, 0, MONZA.storeKey(), json(new StreamPosition(MONZA, 5, 50, 500)));
            add(p1, 1, MONZA.storeKey(), null); // tombstone: forget monza
        });

        Map<StreamKey, StreamPosition> loaded = store.load(List.of("spa", "monza"));

        assertThat(loaded).isEqualTo(Map.of(SPA, new StreamPosition(SPA, 2, 20, 200)));
    }

    @Test
    void anEmptyTopicGivesNoPositions() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L));
        consumer.updateEndOffsets(Map.of(p0, 0L));

        assertThat(store.load(List.of("spa"))).isEmpty();
    }

    void add(TopicPartition partition, long offset, String key, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, key, value));
    }

    static byte[] json(StreamPosition position) {
        return KafkaStreamPositionStore.toJson(position, 0);
    }
}
