package io.pitwall.ingest.smartrace.it;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Smartrace ingest in-process against the test cluster, and plain Kafka clients to feed and read topics. */
final class PitwallCluster {

    private final KafkaCluster cluster;

    PitwallCluster(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts the ingest as its main() would, with {@code options} as environment variables. */
    RunningService startIngest(SmartraceIngest ingest, Map<String, String> options) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl(),
                "HTTP_PORT", "0",
                "HTTP_BIND_ADDRESS", "127.0.0.1",
                "SMARTRACE_PORT", "0",
                "SMARTRACE_BIND_ADDRESS", "127.0.0.1",
                "PUBLISH_LINGER", "1ms"));
        env.putAll(options);
        IngestService service = IngestService.of(ingest).environment(env);
        return service.start(service.configure());
    }

    /** Writes {@code event} keyed by its venue and waits for the acknowledgement. */
    void produce(TopicSpec topic, String venue, SpecificRecord event) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, PitwallAvroSerializer.class,
                "schema.registry.url", cluster.schemaRegistryUrl());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic.name(), venue, event)).get();
        }
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for what was read of {@code venue}, or the timeout. */
    <T> List<T> readVenue(TopicSpec topic, String venue, Class<T> type, Predicate<List<T>> done, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PitwallAvroDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                "schema.registry.url", cluster.schemaRegistryUrl(),
                "specific.avro.reader", true);
        List<T> read = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (venue.equals(record.key()) && type.isInstance(record.value())) {
                        read.add(type.cast(record.value()));
                    }
                }
            }
        }
        return read;
    }
}
