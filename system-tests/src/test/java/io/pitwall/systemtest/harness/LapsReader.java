package io.pitwall.systemtest.harness;

import io.pitwall.events.LapEvent;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code timing.laps} from the beginning with {@code read_committed} — only what committed lap-processor
 * transactions wrote, as any downstream reader sees it — into a {@link LapBook}. Not thread-safe: poll from the
 * test thread (e.g. inside an Awaitility condition).
 */
public final class LapsReader implements AutoCloseable {

    private final TopicFromStart topic;
    private final PitwallAvroDeserializer<LapEvent> deserializer = new PitwallAvroDeserializer<>();
    private final LapBook book = new LapBook();

    public LapsReader(PipelineCluster cluster) {
        topic = new TopicFromStart(cluster, Topics.LAPS.name(), true);
        deserializer.configure(Map.of("schema.registry.url", cluster.registryUrl(), "specific.avro.reader", true,
                "specific.avro.value.type", LapEvent.class), false);
    }

    /** Reads what is committed and not read yet (one poll of up to 200 ms); returns the book. */
    public LapBook poll() {
        for (ConsumerRecord<String, byte[]> record : topic.poll(Duration.ofMillis(200))) {
            book.apply(deserializer.deserialize(record.topic(), record.value()));
        }
        return book;
    }

    public LapBook book() {
        return book;
    }

    @Override
    public void close() {
        topic.close();
        deserializer.close();
    }
}
