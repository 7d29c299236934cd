package io.pitwall.systemtest.bench;

import io.pitwall.schemas.catalog.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The lap processor's consumer lag on {@code timing.passings}: end offsets minus the offsets its consumer group
 * (the Kafka Streams {@code application.id}) committed — with exactly-once, what it has processed and committed.
 */
final class ProcessorLag implements AutoCloseable {

    private final Admin admin;
    private final String groupId;

    ProcessorLag(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.groupId = groupId;
    }

    /** Records of {@code timing.passings} not yet committed by the lap processor; -1 if Kafka did not say. */
    long passingsLag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.PASSINGS.name()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            int partitions = admin.describeTopics(java.util.List.of(Topics.PASSINGS.name())).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(Topics.PASSINGS.name()).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.PASSINGS.name(), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
