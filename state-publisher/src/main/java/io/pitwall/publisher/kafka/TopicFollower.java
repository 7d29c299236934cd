package io.pitwall.publisher.kafka;

import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Timing71 topics into the {@link ServiceStore}. No consumer group: every replica assigns
 * itself every partition and reads from the beginning, because every replica must hold every service
 * (the topics are compacted, so "the beginning" is roughly one record per service). Marks the store
 * ready once it has read up to where the topics ended when it started, then follows live.
 *
 * <p>Within one poll only the newest valid record per service and topic is applied
 * ({@link RecordApplier}): a publisher that fell behind skips straight to the newest state instead of
 * replaying every intermediate one to clients.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_RECHECK = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Properties consumerProperties;
    private final Map<String, DocumentKind> topics;
    private final ServiceStore store;
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final RecordApplier applier;
    private volatile boolean running = true;
    /** Counted down by close(): wakes a backoff sleep without interrupting (an interrupt breaks the consumer's close). */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Consumer<String, byte[]> consumer;

    /**
     * @param topics topic name → the document kind its values are
     */
    public TopicFollower(Properties consumerProperties, Map<String, DocumentKind> topics, ServiceStore store,
                         DocumentParser parser, PublisherMetrics metrics) {
        this.consumerProperties = consumerProperties;
        this.topics = topics;
        this.store = store;
        this.applier = new RecordApplier(topics, store, parser, metrics);
        this.thread = new Thread(this::run, "publisher-kafka-follower");
        this.thread.setDaemon(true);
    }

    /** The consumer settings the publisher needs; the caller adds bootstrap servers and any TLS/SASL settings. */
    public static Properties consumerDefaults() {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pitwall-state-publisher");
        // states are small and frequent: fetch what is there at once rather than wait to fill a batch
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        return p;
    }

    public void start() {
        thread.start();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        long backoffMs = 500;
        while (running) {
            try (Consumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties,
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                follow(c);
                backoffMs = 500;
            } catch (WakeupException e) {
                if (running) {
                    log.warn("Kafka consumer woken unexpectedly; restarting it");
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("Reading the Timing71 topics failed ({}); retrying in {} ms, serving the last known states",
                        e.toString(), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(Consumer<String, byte[]> c) {
        List<TopicPartition> assigned = awaitPartitions(c);
        if (assigned.isEmpty()) {
            return;
        }
        assign(c, assigned);
        Map<TopicPartition, Long> catchUpTo = store.isReady() ? Map.of() : c.endOffsets(assigned);
        long nextRecheck = System.nanoTime() + PARTITION_RECHECK.toNanos();
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(POLL);
            long receivedNanos = System.nanoTime();
            if (!records.isEmpty()) {
                apply(records, receivedNanos);
            }
            if (!store.isReady() && caughtUp(c, catchUpTo)) {
                store.markReady();
                log.info("Read the Timing71 topics: {} live services", store.liveCount());
            }
            if (System.nanoTime() > nextRecheck) {
                nextRecheck = System.nanoTime() + PARTITION_RECHECK.toNanos();
                List<TopicPartition> now = partitions(c);
                if (!now.isEmpty() && (now.size() != assigned.size() || !now.containsAll(assigned))) {
                    log.info("Partitions of the Timing71 topics changed: now {}", now.size());
                    assigned = now;
                    assign(c, assigned);
                }
            }
        }
    }

    /** Waits until every topic exists: before the lap processor first runs, they may not. */
    private List<TopicPartition> awaitPartitions(Consumer<String, byte[]> c) {
        boolean warned = false;
        while (running) {
            List<TopicPartition> found = partitions(c);
            long topicsFound = found.stream().map(TopicPartition::topic).distinct().count();
            if (topicsFound == topics.size()) {
                return found;
            }
            if (!warned) {
                log.warn("Waiting for topics {} to exist", topics.keySet());
                warned = true;
            }
            sleep(1000);
        }
        return List.of();
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics.keySet()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                for (PartitionInfo p : infos) {
                    out.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
        }
        return out;
    }

    /** Resumes each partition where this process left it (after a consumer restart), else from the beginning. */
    private void assign(Consumer<String, byte[]> c, List<TopicPartition> partitions) {
        c.assign(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = positions.get(tp);
            if (next == null) {
                fresh.add(tp);
            } else {
                c.seek(tp, next);
            }
        }
        c.seekToBeginning(fresh);
    }

    private boolean caughtUp(Consumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecords<String, byte[]> records, long receivedNanos) {
        for (ConsumerRecord<String, byte[]> r : records) {
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
        applier.apply(records, receivedNanos);
    }

    private void sleep(long ms) {
        try {
            stopping.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
