package io.pitwall.processor.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * How much every topic on the broker holds at one moment (bytes in its log, records by its end offsets), internal
 * topics included: the difference of two of these is what the broker had to take in between — the changelogs, the
 * outputs, the transaction markers and offset commits — which is most of the broker's CPU per passing.
 */
record TopicVolume(Map<String, Long> bytes, Map<String, Long> records) {

    static TopicVolume of(Admin admin) throws Exception {
        Map<String, Long> bytes = new HashMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers(admin)).allDescriptions()
                .get(10, TimeUnit.SECONDS).values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    bytes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                }
            }
        }
        Map<String, Long> records = new HashMap<>();
        endOffsets(admin, admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS))
                .forEach((partition, offset) -> records.merge(partition.topic(), offset, Long::sum));
        return new TopicVolume(bytes, records);
    }

    /** The end offset of every partition of {@code topics}. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static List<Integer> brokers(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
    }

    /** One line per topic that grew since {@code before}, largest first: bytes and records per passing. */
    String perRecord(TopicVolume before, long passings) {
        StringBuilder text = new StringBuilder();
        long total = 0;
        List<String> grown = bytes.keySet().stream()
                .filter(topic -> grownBytes(before, topic) > 0 || grownRecords(before, topic) > 0)
                .sorted(Comparator.comparingLong((String topic) -> grownBytes(before, topic)).reversed())
                .toList();
        for (String topic : grown) {
            long grew = grownBytes(before, topic);
            total += grew;
            text.append(String.format("    %-70s %8.1f bytes %6.3f records per passing%n", topic,
                    (double) grew / passings, (double) grownRecords(before, topic) / passings));
        }
        return String.format("  broker log growth per passing: %.1f bytes%n", (double) total / passings) + text;
    }

    private long grownBytes(TopicVolume before, String topic) {
        return bytes.getOrDefault(topic, 0L) - before.bytes.getOrDefault(topic, 0L);
    }

    private long grownRecords(TopicVolume before, String topic) {
        return records.getOrDefault(topic, 0L) - before.records.getOrDefault(topic, 0L);
    }
}
