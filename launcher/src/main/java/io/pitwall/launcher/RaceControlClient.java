package io.pitwall.launcher;

import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerdeConfig;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Race control as the launcher does it: session configurations to {@code timing.sessions}, actions to
 * {@code timing.session-control} (Avro, Confluent wire format, keyed by venue), exactly what an operator's
 * tool writes. Also reads back each venue's current configuration, so that a restarted stack carries on with
 * the session it was running.
 */
public final class RaceControlClient implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final Map<String, Object> serde;
    private final PitwallAvroSerializer<SpecificRecord> serializer = new PitwallAvroSerializer<>();
    private final KafkaProducer<String, byte[]> producer;

    public RaceControlClient(String bootstrap, String schemaRegistryUrl) {
        this.bootstrap = bootstrap;
        this.serde = Map.of(SchemaRegistryClientConfig.URL, schemaRegistryUrl);
        serializer.configure(serde, false);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "pitwall-race-control",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes a venue's session configuration and waits until Kafka has it. */
    public void publish(SessionConfig config) {
        send(Topics.SESSIONS.name(), config.getVenueId(), serializer.serialize(Topics.SESSIONS.name(), config));
    }

    /** Writes a race-control action and waits until Kafka has it. */
    public void publish(SessionControl control) {
        send(Topics.SESSION_CONTROL.name(), control.getVenueId(),
                serializer.serialize(Topics.SESSION_CONTROL.name(), control));
    }

    /**
     * Ends a Timing71 service: tombstones its manifest and state, so the publisher's directory drops it.
     * Only for a session that has been replaced (the lap processor no longer writes it).
     */
    public void endService(String uuid) {
        send(Topics.TIMING71_MANIFESTS.name(), uuid, null);
        send(Topics.TIMING71_STATES.name(), uuid, null);
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The current configuration of each of {@code venues} that has one (the compacted topic, read to its end). */
    public Map<String, SessionConfig> currentSessions(Collection<String> venues, Duration timeout) {
        Set<String> wanted = Set.copyOf(venues);
        Map<String, SessionConfig> latest = new HashMap<>();
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "pitwall-race-control-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> reader = new HashMap<>(serde);
        reader.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
             var avro = new PitwallAvroDeserializer<SessionConfig>()) {
            avro.configure(reader, false);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSIONS.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + Topics.SESSIONS.name());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !wanted.contains(record.key())) {
                        continue;
                    }
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), avro.deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        return latest;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        serializer.close();
    }
}
