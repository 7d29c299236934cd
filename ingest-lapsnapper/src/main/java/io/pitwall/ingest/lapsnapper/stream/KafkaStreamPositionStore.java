package io.pitwall.ingest.lapsnapper.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream positions in the compacted catalogue topic {@code pitwall.ingest-offsets}, one JSON record per stream,
 * keyed {@code <venue>/lapsnapper/<deviceId>}:
 * <pre>{@code
 * {"source":"LAPSNAPPER","venueId":"spa","streamId":"spa/decoder-10022","deviceId":10022,
 *  "streamEpoch":1767225600000,"highestSequence":4711,"highestPassingTimeMillis":1767229200123,
 *  "updatedAt":1767229200456}
 * }</pre>
 * Loading reads the topic from the beginning to its end at start-up (it is compacted, so small). Records of
 * other ingests and other venues share the topic and are skipped; unreadable ones are logged and skipped, which
 * only means that stream starts a new epoch.
 */
public final class KafkaStreamPositionStore implements StreamPositionStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamPositionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_MARKER = "/lapsnapper/";

    private final Producer<String, byte[]> producer;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Duration loadTimeout;
    private final LongSupplier clock;

    /**
     * @param producer  shared with other side records of the ingest; not closed here
     * @param consumers makes the (short-lived) consumer that reads the topic once
     */
    public KafkaStreamPositionStore(Producer<String, byte[]> producer,
                                    Supplier<Consumer<String, byte[]>> consumers,
                                    Duration loadTimeout, LongSupplier clock) {
        this.producer = producer;
        this.consumers = consumers;
        this.topic = Topics.INGEST_OFFSETS.name();
        this.loadTimeout = loadTimeout;
        this.clock = clock;
    }

    @Override
    public Map<StreamKey, StreamPosition> load(Collection<String> venueIds) {
        Set<String> venues = new HashSet<>(venueIds);
        Map<StreamKey, StreamPosition> positions = new HashMap<>();
        long deadline = System.nanoTime() + loadTimeout.toNanos();
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, loadTimeout);
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, loadTimeout);
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + loadTimeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record, venues, positions);
                }
            }
        }
        return positions;
    }

    @Override
    public void save(StreamPosition position) {
        byte[] value = toJson(position, clock.getAsLong());
        producer.send(new ProducerRecord<>(topic, position.key().storeKey(), value), (metadata, failure) -> {
            if (failure != null) {
                LOG.warn("Could not save the position of LapSnapper stream {} ({}); the next checkpoint retries",
                        position.key(), failure.toString());
            }
        });
    }

    static byte[] toJson(StreamPosition position, long now) {
        ObjectNode json = JSON.createObjectNode();
        json.put("source", "LAPSNAPPER");
        json.put("venueId", position.key().venueId());
        json.put("streamId", position.key().streamId());
        json.put("deviceId", position.key().deviceId());
        json.put("streamEpoch", position.epoch());
        json.put("highestSequence", position.highestSequence());
        json.put("highestPassingTimeMillis", position.highestTimeMillis());
        json.put("updatedAt", now);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static StreamPosition fromJson(byte[] value) throws IOException {
        JsonNode json = JSON.readTree(value);
        for (String field : List.of("venueId", "deviceId", "streamEpoch", "highestSequence", "highestPassingTimeMillis")) {
            if (json == null || !json.hasNonNull(field)) {
                throw new IOException("field " + field + " missing");
            }
        }
        StreamKey key = new StreamKey(json.get("venueId").asText(), json.get("deviceId").asInt());
        return new StreamPosition(key, json.get("streamEpoch").asLong(), json.get("highestSequence").asLong(),
                json.get("highestPassingTimeMillis").asLong());
    }

    private static void apply(ConsumerRecord<String, byte[]> record, Set<String> venues,
                              Map<StreamKey, StreamPosition> positions) {
        String key = record.key();
        int marker = key == null ? -1 : key.indexOf(KEY_MARKER);
        if (marker <= 0 || !venues.contains(key.substring(0, marker))) {
            return;
        }
        if (record.value() == null) {
            // a tombstone: forget the stream (an operator's way to force a new epoch)
            positions.keySet().removeIf(k -> k.storeKey().equals(key));
            return;
        }
        try {
            StreamPosition position = fromJson(record.value());
            if (position.key().storeKey().equals(key)) {
                positions.put(position.key(), position);
            } else {
                LOG.warn("Ignoring stream position at {}-{}@{}: key {} does not match its content",
                        record.topic(), record.partition(), record.offset(), key);
            }
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable stream position at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), key, e.getMessage());
        }
    }

    private static boolean reachedEnd(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
