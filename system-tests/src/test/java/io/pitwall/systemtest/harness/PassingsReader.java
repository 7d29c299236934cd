package io.pitwall.systemtest.harness;

import io.pitwall.events.Passing;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code timing.passings} from the beginning: what the ingests got into Kafka, e.g. to know exactly what a
 * SIGKILLed ingest had published before it died. Not thread-safe.
 */
public final class PassingsReader implements AutoCloseable {

    private final TopicFromStart topic;
    private final PitwallAvroDeserializer<Passing> deserializer = new PitwallAvroDeserializer<>();
    private final List<Passing> passings = new ArrayList<>();

    public PassingsReader(PipelineCluster cluster) {
        topic = new TopicFromStart(cluster, Topics.PASSINGS.name(), false);
        deserializer.configure(Map.of("schema.registry.url", cluster.registryUrl(), "specific.avro.reader", true,
                "specific.avro.value.type", Passing.class), false);
    }

    /** Reads up to the end offsets of this moment; returns how many passings were read in all. */
    public int drain() {
        topic.readToCurrentEnd(records -> records.forEach(
                record -> passings.add(deserializer.deserialize(record.topic(), record.value()))));
        return passings.size();
    }

    /** One short poll (for an Awaitility condition); always true. */
    public boolean drainQuickly() {
        for (ConsumerRecord<String, byte[]> record : topic.poll(Duration.ofMillis(100))) {
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
        topic.close();
        deserializer.close();
    }
}
