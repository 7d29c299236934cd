package io.pitwall.systemtest.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every partition of one topic of a {@link PipelineCluster}, read from the beginning without a group (nothing
 * committed, nothing shared with another reader): what the harness's readers are built on. Not thread-safe.
 */
final class TopicFromStart implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;

    /** @param committedOnly {@code read_committed}: only what committed transactions wrote */
    TopicFromStart(PipelineCluster cluster, String topic, boolean committedOnly) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        if (committedOnly) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(60))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Polls, handing each batch to {@code handler}, until the end offsets of this moment are read; at most 60 s. */
    void readToCurrentEnd(Consumer<ConsumerRecords<String, byte[]>> handler) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " not read up to " + ends + " within 60 s");
            }
            handler.accept(consumer.poll(Duration.ofMillis(200)));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
