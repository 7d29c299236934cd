package io.pitwall.ingest.ctp01.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaResumeStoreTest {

    private static final String TOPIC = KafkaResumeStore.TOPIC.name();
    private static final StreamKey FINISH = new StreamKey("spa", "box", "finish");
    private static final StreamKey PITIN = new StreamKey("spa", "box", "pit/in");
    private final TopicPartition p0 = new TopicPartition(TOPIC, 0);
    private final TopicPartition p1 = new TopicPartition(TOPIC, 1);

    private static byte[] position(StreamKey key, int sequence) {
        return new ResumePosition(key, new ResumeStore.Position(sequence, 0, "1"), Instant.EPOCH).toJson();
    }

    private static ResumeStore.Position at(int sequence) {
        return new ResumeStore.Position(sequence, 0, null);
    }

    private MockConsumer<String, byte[]> consumer(List<ConsumerRecord<String, byte[]>> records, long end0, long end1) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, end0, p1, end1));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return consumer;
    }

    @Test
    void startUpReadsEveryPartitionToItsEndAndTheLastRecordOfAKeyWins() {
        List<ConsumerRecord<String, byte[]>> records = List.of(
                new ConsumerRecord<>(TOPIC, 0, 0, FINISH.id(), position(FINISH, 10)),
                new ConsumerRecord<>(TOPIC, 0, 1, "spa/station-3/round-1", "{\"source\":\"CHRONOCLOUD\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(TOPIC, 1, 0, PITIN.id(), position(PITIN, 7)),
                new ConsumerRecord<>(TOPIC, 0, 2, FINISH.id(), position(FINISH, 25)),
                new ConsumerRecord<>(TOPIC, 1, 1, "garbage", "{{{".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(TOPIC, 1, 2, PITIN.id(), null));

        Map<StreamKey, ResumeStore.Position> loaded = KafkaResumeStore.load(consumer(records, 3, 3),
                Duration.ofSeconds(5));

        assertThat(loaded).containsExactly(Map.entry(FINISH, new ResumeStore.Position(25, 0, "1")));
    }

    @Test
    void anEmptyTopicLoadsNothing() {
        assertThat(KafkaResumeStore.load(consumer(List.of(), 0, 0), Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void writesAreCoalescedPerStreamAndNeverGoBackwards() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaResumeStore store = new KafkaResumeStore(Map.of(FINISH, at(10)), producer,
                Clock.fixed(Instant.parse("2025-07-26T12:00:00Z"), ZoneOffset.UTC), registry);

        assertThat(store.position(FINISH)).isEqualTo(at(10));
        store.save(FINISH, at(9));
        store.save(FINISH, at(12));
        store.save(PITIN, at(3));
        store.close();

        List<ProducerRecord<String, byte[]>> history = producer.history();
        assertThat(history).allMatch(r -> r.topic().equals(TOPIC));
        assertThat(history).extracting(ProducerRecord::key).contains(FINISH.id(), PITIN.id());
        assertThat(history.stream().filter(r -> r.key().equals(FINISH.id()))
                .map(r -> ResumePosition.fromJson(r.value()).orElseThrow().position().sequence()).toList())
                .as("9 is behind the stored 10 and never written").isSubsetOf(12).isNotEmpty();
        assertThat(store.position(FINISH)).isEqualTo(at(12));
        assertThat(registry.get(KafkaResumeStore.WRITES).counter().count()).isEqualTo(history.size());
        assertThat(registry.get(KafkaResumeStore.POSITIONS).gauge().value()).isEqualTo(2);
    }

    @Test
    void aFailedWriteIsRetriedWithTheNextFlush() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaResumeStore store = new KafkaResumeStore(Map.of(), producer, Clock.systemUTC(), registry);
        store.save(FINISH, at(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("test"));
        assertThat(registry.get(KafkaResumeStore.WRITE_FAILURES).counter().count()).isEqualTo(1);

        store.save(PITIN, at(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        assertThat(producer.history().subList(1, 3)).extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder(FINISH.id(), PITIN.id());
        producer.completeNext();
        producer.completeNext();
        store.close();
    }
}
