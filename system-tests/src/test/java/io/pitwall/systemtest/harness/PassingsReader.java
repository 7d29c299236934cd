package io.pitwall.systemtest.harness;

import io.pitwall.events.Passing;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code timing.passings} from the beginning: what the ingests got into Kafka, e.g. to know exactly what a
 * SIGKILLed ingest had published before it died. Not thread-safe.
 */
public final class PassingsReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final PitwallAvroDeserializer<Passing> deserializer = new PitwallAvroDeserializer<>();
    private final List<Passing> passings = new ArrayList<>();

    public PassingsReader(PipelineCluster cluster) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        deserializer.configure(Map.of("schema.registry.url", cluster.registryUrl(), "specific.avro.reader", true,
                "specific.avro.value.type", Passing.class), false);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.PASSINGS.name(), Duration.ofSeconds(60))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the end offsets of this moment; returns how many passings were read in all. */
    public int drain() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timing.passings not read up to " + ends + " within 60 s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                passings.add(deserializer.deserialize(record.topic(), record.value()));
            }
        }
        return passings.size();
    }

    /** One short poll (for an Awaitility condition); always true. */
    public boolean drainQuickly() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            passings.add(deserializer.deserialize(record.topic(), record.value()));
        }
        return true;
    }

    /** The distinct sequences read so far of one venue's passings. */
    public Set<Long> sequences(String venueId) {
        Set<Long> sequences = new TreeSet<>();
        passings.stream().filter(p -> p.getVenueId().equals(venueId)).forEach(p -> sequences.add(p.getSequence()));
        return sequences;
    }

    /** How many (stream, epoch, sequence) of one venue were written to Kafka more than once so far. */
    public long repeated(String venueId) {
        Map<String, Long> copies = new java.util.HashMap<>();
        passings.stream().filter(p -> p.getVenueId().equals(venueId)).forEach(p -> copies.merge(
                p.getStreamId() + "@" + p.getStreamEpoch() + "#" + p.getSequence(), 1L, Long::sum));
        return copies.values().stream().filter(c -> c > 1).count();
    }

    /** A summary of one venue's passings for diagnostics: per (stream, epoch) the count and sequence range. */
    public String describe(String venueId) {
        Map<String, java.util.LongSummaryStatistics> streams = new java.util.TreeMap<>();
        passings.stream().filter(p -> p.getVenueId().equals(venueId)).forEach(p -> streams.computeIfAbsent(
                p.getStreamId() + "@" + p.getStreamEpoch(), k -> new java.util.LongSummaryStatistics())
                .accept(p.getSequence()));
        return streams.toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        deserializer.close();
    }
}
