package io.pitwall.ingest.chronocloud.it;

import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a topic from the beginning the way an analytics consumer would (Confluent wire format,
 * registry, generated classes), keeping the records of one venue.
 */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * Reads until {@code enough} holds for the records of {@code venue}, then {@code quietFor} more so
     * that any duplicate would have time to show up too.
     */
    static <T extends SpecificRecord> List<T> read(String bootstrap, String registry, String topic, int partitions,
            Class<T> type, String venue, Predicate<List<T>> enough, Duration quietFor, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                "schema.registry.url", registry,
                "specific.avro.reader", "true",
                "specific.avro.value.type", type.getName());
        PitwallAvroDeserializer<T> values = new PitwallAvroDeserializer<>();
        values.configure(config, false);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            // assigned, not subscribed: no consumer group, no rebalance to wait for
            List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    if (venue.equals(record.key())) {
                        out.add(record.value());
                    }
                }
                if (quietUntil == Long.MAX_VALUE && enough.test(out)) {
                    quietUntil = System.nanoTime() + quietFor.toNanos();
                }
            }
        }
        return out;
    }
}
