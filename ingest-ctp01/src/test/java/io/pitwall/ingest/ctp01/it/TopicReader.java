package io.pitwall.ingest.ctp01.it;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a Pitwall topic from the beginning, without a consumer group, keeping every record of one
 * venue: what an analytics consumer of the topic would see.
 */
final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final String venue;
    private final List<V> records = new ArrayList<>();

    TopicReader(KafkaCluster cluster, String topic, Class<V> type, String venue) {
        PitwallAvroDeserializer<V> values = new PitwallAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "specific.avro.reader", true,
                "specific.avro.value.type", type.getName()), false);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.venue = venue;
    }

    /** Everything of the venue written so far (reads up to the current end offsets). */
    List<V> readToEnd() {
        var end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read to the end of " + end.keySet());
            }
            poll();
        }
        return List.copyOf(records);
    }

    /** Polls until {@code done} holds for the venue's records, at most {@code timeout}. */
    List<V> awaitRecords(Predicate<List<V>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; have " + records.size() + " records");
            }
            poll();
        }
        return List.copyOf(records);
    }

    int size() {
        poll();
        return records.size();
    }

    private void poll() {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
            if (venue.equals(record.key())) {
                records.add(record.value());
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
