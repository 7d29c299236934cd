package io.pitwall.ingest.ctp01.resume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.ingest.core.publish.ProducerSettings;
import io.pitwall.ingest.ctp01.resume.ResumeStore.Position;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resume positions kept in Kafka itself, in the compacted topic {@code pitwall.ingest-offsets}: no
 * other store to run, and the positions live exactly as long as the passings they describe.
 *
 * <p><b>Start-up</b> reads the whole topic without a consumer group (assign every partition, seek to
 * the beginning, read up to the end offsets taken at the start), so every instance sees every
 * position, whichever instance wrote it. The last record of a key wins; a tombstone removes the
 * position, which is how an operator makes a location start from its first observation again.
 *
 * <p><b>Writes</b> are coalesced: {@link #save} only updates memory and marks the stream dirty; one
 * writer thread sends the newest position of each dirty stream. Under load that is one record per
 * stream per flush instead of one per passing, and since a single thread writes with an idempotent
 * producer, the records of one key reach the topic in increasing order. A write that fails is marked
 * dirty again and retried with the next flush.
 */
public final class KafkaResumeStore implements ResumeStore {

    public static final TopicSpec TOPIC = Topics.INGEST_OFFSETS;

    public static final String POSITIONS = "pitwall.ctp01.resume.positions";
    public static final String WRITES = "pitwall.ctp01.resume.writes";
    public static final String WRITE_FAILURES = "pitwall.ctp01.resume.write.failures";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaResumeStore.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<StreamKey, Position> positions = new ConcurrentHashMap<>();
    private final Map<StreamKey, Position> dirty = new ConcurrentHashMap<>();
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final ExecutorService writer;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE);
    private final Counter writes;
    private final Counter writeFailures;

    KafkaResumeStore(Map<StreamKey, Position> loaded, Producer<String, byte[]> producer, Clock clock,
                     MeterRegistry registry) {
        this.positions.putAll(loaded);
        this.producer = producer;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pitwall-ctp01-resume-writer");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder(POSITIONS, positions, Map::size)
                .description("Streams (venue, connection id, location) with a stored resume position")
                .tag("source", ResumePosition.SOURCE)
                .register(registry);
        this.writes = Counter.builder(WRITES)
                .description("Resume positions written to " + TOPIC.name() + " and acknowledged")
                .tag("source", ResumePosition.SOURCE)
                .register(registry);
        this.writeFailures = Counter.builder(WRITE_FAILURES)
                .description("Resume position writes that failed (retried with the next flush)")
                .tag("source", ResumePosition.SOURCE)
                .register(registry);
    }

    /**
     * Reads every stored position and opens the writer.
     *
     * @param clientProperties bootstrap servers and any {@code kafka.*} client properties (security)
     * @param loadTimeout      how long reading the topic may take
     * @throws IllegalStateException if the topic cannot be read in time
     */
    public static KafkaResumeStore open(Map<String, Object> clientProperties, String clientId, Duration loadTimeout,
                                        MeterRegistry registry) {
        long start = System.nanoTime();
        Map<StreamKey, Position> loaded;
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(clientProperties, clientId))) {
            loaded = load(consumer, loadTimeout);
        }
        LOG.info("Loaded {} CTP01 resume positions from {} in {} ms", loaded.size(), TOPIC.name(),
                (System.nanoTime() - start) / 1_000_000);
        Producer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.producer(clientProperties, clientId + "-resume", "lz4", Duration.ofMillis(5)));
        return new KafkaResumeStore(loaded, producer, Clock.systemUTC(), registry);
    }

    static Map<String, Object> consumerProperties(Map<String, Object> clientProperties, String clientId) {
        Set<String> consumerNames = ConsumerConfig.configNames();
        Map<String, Object> props = clientProperties.entrySet().stream()
                .filter(e -> consumerNames.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-resume-loader");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Reads the topic from the beginning to the end offsets it has now. */
    static Map<StreamKey, Position> load(Consumer<String, byte[]> consumer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(TOPIC.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + TOPIC.name() + " does not exist; it holds the CTP01 resume"
                    + " positions and is created at start-up unless topics.create=false");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<StreamKey, Position> positions = new HashMap<>();
        Map<TopicPartition, Long> remaining = new HashMap<>(end);
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        int corrupt = 0;
        while (!remaining.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Could not read " + TOPIC.name() + " within " + timeout.toSeconds()
                        + " s (" + remaining.size() + " partitions not read to their end); is Kafka reachable?");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (!apply(record, positions)) {
                    corrupt++;
                }
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        }
        if (corrupt > 0) {
            LOG.warn("Ignored {} unreadable CTP01 records in {}; their streams resume from an earlier record or from"
                    + " the start", corrupt, TOPIC.name());
        }
        return positions;
    }

    /** Applies one record; false if it claims to be ours but cannot be read. */
    private static boolean apply(ConsumerRecord<String, byte[]> record, Map<StreamKey, Position> positions) {
        if (record.key() == null) {
            return true;
        }
        try {
            if (record.value() == null) {
                // tombstones carry no source; a key of another source simply is not in the map
                parseKey(record.key()).ifPresent(positions::remove);
                return true;
            }
            Optional<ResumePosition> position = ResumePosition.fromJson(record.value());
            if (position.isEmpty()) {
                return true;
            }
            StreamKey key = StreamKey.parse(record.key());
            positions.put(key, position.get().position());
            return true;
        } catch (IllegalArgumentException e) {
            LOG.debug("Unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return false;
        }
    }

    private static Optional<StreamKey> parseKey(String key) {
        try {
            return Optional.of(StreamKey.parse(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Position position(StreamKey key) {
        return positions.getOrDefault(key, Position.NONE);
    }

    /** Every stored position (a snapshot). */
    public Map<StreamKey, Position> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public void save(StreamKey key, Position position) {
        boolean[] changed = new boolean[1];
        positions.compute(key, (k, old) -> {
            if (old == null || !old.isAfter(position) && !old.equals(position)) {
                changed[0] = true;
                return position;
            }
            return old;
        });
        if (changed[0]) {
            dirty.merge(key, position, KafkaResumeStore::later);
            requestFlush();
        }
    }

    private static Position later(Position a, Position b) {
        return a.isAfter(b) ? a : b;
    }

    private void requestFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                writer.execute(this::flush);
            } catch (RejectedExecutionException closing) {
                flushQueued.set(false); // close() flushes what is left
            }
        }
    }

    private void flush() {
        flushQueued.set(false);
        for (StreamKey key : List.copyOf(dirty.keySet())) {
            Position position = dirty.remove(key);
            if (position != null) {
                send(key, position);
            }
        }
    }

    private void send(StreamKey key, Position position) {
        byte[] value = new ResumePosition(key, position, clock.instant()).toJson();
        try {
            producer.send(new ProducerRecord<>(TOPIC.name(), key.id(), value), (metadata, error) -> {
                if (error == null) {
                    writes.increment();
                    return;
                }
                writeFailed(key, position, error);
            });
        } catch (RuntimeException e) {
            writeFailed(key, position, e);
        }
    }

    private void writeFailed(StreamKey key, Position position, Throwable error) {
        writeFailures.increment();
        // the newest position is what matters: retry with it, unless a newer one is already queued
        dirty.merge(key, positions.getOrDefault(key, position), KafkaResumeStore::later);
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.SECONDS.toNanos(10)) && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("Could not store the resume position of {} ({}); retried with the next write. Until it is"
                    + " stored a restart resends from an earlier position (duplicates, no loss)", key, error.toString());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Resume position writer did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Closing the resume position producer failed: {}", e.toString());
        }
        if (!dirty.isEmpty()) {
            LOG.warn("{} resume positions were not stored before shutdown; those streams resend from their last stored"
                    + " position", dirty.size());
        }
    }
}
