package io.pitwall.systemtest.harness;

import io.pitwall.events.LapEvent;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code timing.laps} from the beginning with {@code read_committed} — only what committed lap-processor
 * transactions wrote, as any downstream reader sees it — into a {@link LapBook}. Not thread-safe: poll from the
 * test thread (e.g. inside an Awaitility condition).
 */
public final class LapsReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final PitwallAvroDeserializer<LapEvent> deserializer = new PitwallAvroDeserializer<>();
    private final LapBook book = new LapBook();

    public LapsReader(PipelineCluster cluster) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        deserializer.configure(Map.of("schema.registry.url", cluster.registryUrl(), "specific.avro.reader", true,
                "specific.avro.value.type", LapEvent.class), false);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.LAPS.name(), Duration.ofSeconds(60))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what is committed and not read yet (one poll of up to 200 ms); returns the book. */
    public LapBook poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            book.apply(deserializer.deserialize(record.topic(), record.value()));
        }
        return book;
    }

    public LapBook book() {
        return book;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        deserializer.close();
    }
}
