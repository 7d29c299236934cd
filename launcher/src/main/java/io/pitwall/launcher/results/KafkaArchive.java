package io.pitwall.launcher.results;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerdeConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads what a session left in Kafka, without a consumer group ({@code read_committed}, never moving anybody's
 * offsets). Every timing topic is keyed by venue and Timing71 topics by service uuid, so only the one partition
 * the key hashes to is read (the producer's default partitioner), not the whole topic.
 */
public final class KafkaArchive implements AutoCloseable {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final String bootstrap;
    private final Duration timeout;
    private final PrintWriter progress;
    private final KafkaConsumer<String, byte[]> consumer;
    private final PitwallAvroDeserializer<Object> avro = new PitwallAvroDeserializer<>();

    /**
     * @param timeout  how long Kafka may take to answer at all, and to hand over each topic's records
     * @param progress where a progress line goes while a long topic is read (stderr)
     * @throws ResultsException when Kafka does not answer within {@code timeout}
     */
    public KafkaArchive(String bootstrap, String schemaRegistryUrl, Duration timeout, PrintWriter progress) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.progress = progress;
        checkReachable();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "pitwall-results",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        avro.configure(Map.of(SchemaRegistryClientConfig.URL, schemaRegistryUrl,
                PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
    }

    private void checkReachable() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultsException("interrupted while connecting to Kafka at " + bootstrap);
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new ResultsException("Kafka at " + bootstrap + " is not reachable (no answer within "
                    + timeout.toSeconds() + " s). Is 'pitwall up' running, or is --bootstrap right?", e);
        }
    }

    /**
     * The session of a venue ({@code sessionId} null: its current one) with everything that belongs to it.
     *
     * @throws ResultsException for an unknown venue or session, naming the known ones
     */
    public RecordedSession session(String venue, String sessionId) {
        RecordedSession.Selector selector = RecordedSession.select(venue, sessionId, sessionConfigs());
        String uuid = io.pitwall.processor.timing71.ServiceIds.serviceUuid(venue, selector.config().getSessionId());
        // what the lap processor published first, its inputs last: in a live session the inputs are then at least
        // as new as the published results, never older
        Optional<String> state = lastState(uuid);
        List<LapEvent> laps = laps(venue);
        return selector.collect(controls(venue), passings(venue), laps, state);
    }

    /** Every SessionConfig still in {@code timing.sessions} (all venues, older versions too unless compacted away). */
    public List<SessionConfig> sessionConfigs() {
        List<TopicPartition> partitions = partitions(Topics.SESSIONS.name());
        return read(partitions, null, Topics.SESSIONS.name(), SessionConfig.class::cast);
    }

    public List<SessionControl> controls(String venue) {
        return readKey(Topics.SESSION_CONTROL.name(), venue, SessionControl.class::cast);
    }

    public List<Passing> passings(String venue) {
        return readKey(Topics.PASSINGS.name(), venue, Passing.class::cast);
    }

    /** The venue's lap events in the order the lap processor wrote them. */
    public List<LapEvent> laps(String venue) {
        return readKey(Topics.LAPS.name(), venue, LapEvent.class::cast);
    }

    /** The last state the lap processor published for a Timing71 service (before any tombstone), if any is left. */
    public Optional<String> lastState(String uuid) {
        return lastJson(Topics.TIMING71_STATES.name(), uuid);
    }

    public Optional<String> lastManifest(String uuid) {
        return lastJson(Topics.TIMING71_MANIFESTS.name(), uuid);
    }

    private Optional<String> lastJson(String topic, String uuid) {
        List<String> values = new ArrayList<>();
        readRaw(List.of(partitionOf(topic, uuid)), uuid, topic, (record) -> {
            if (record.value() != null) {
                values.clear();
                values.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        });
        return values.stream().findFirst();
    }

    private <T> List<T> readKey(String topic, String key, Function<Object, T> cast) {
        return read(List.of(partitionOf(topic, key)), key, topic, cast);
    }

    private <T> List<T> read(List<TopicPartition> partitions, String key, String topic, Function<Object, T> cast) {
        List<T> values = new ArrayList<>();
        readRaw(partitions, key, topic, record -> {
            if (record.value() != null) {
                values.add(cast.apply(avro.deserialize(record.topic(), record.value())));
            }
        });
        return values;
    }

    private void readRaw(List<TopicPartition> partitions, String key, String topic,
                         java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        long total = 0;
        for (TopicPartition p : partitions) {
            total += end.get(p) - begin.get(p);
        }
        long seen = 0;
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        long lastRecordAt = System.nanoTime();
        boolean reported = false;
        while (!reachedEnd(end)) {
            var records = consumer.poll(Duration.ofMillis(200));
            long now = System.nanoTime();
            if (!records.isEmpty()) {
                lastRecordAt = now;
            } else if (now - lastRecordAt > timeout.toNanos()) {
                throw new ResultsException("timed out reading " + topic + " from Kafka at " + bootstrap + " ("
                        + seen + " of about " + total + " records after " + timeout.toSeconds() + " s without progress)");
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                seen++;
                if (key == null || key.equals(record.key())) {
                    sink.accept(record);
                }
            }
            if (now > nextProgress) {
                progress.printf("reading %s: %,d of about %,d records%n", topic, seen, total);
                progress.flush();
                nextProgress = now + PROGRESS_EVERY.toNanos();
                reported = true;
            }
        }
        if (reported) {
            progress.printf("read %s: %,d records (%.1f s)%n", topic, seen, (System.nanoTime() - started) / 1e9);
        }
    }

    private boolean reachedEnd(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new ResultsException("Kafka at " + bootstrap + " has no topic " + topic
                    + ": nothing was ever timed there (has 'pitwall up' or the lap processor run against it?)");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** The partition Kafka's default partitioner chose for {@code key}: murmur2 of the key bytes. */
    private TopicPartition partitionOf(String topic, String key) {
        int count = partitions(topic).size();
        return new TopicPartition(topic, partitionFor(key, count));
    }

    static int partitionFor(String key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        avro.close();
    }
}
