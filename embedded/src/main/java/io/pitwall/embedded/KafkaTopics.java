package io.pitwall.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Creates topics and waits until every partition has a leader before returning.
 *
 * <p>Why wait: Kafka 4.3.1 can silently drop the first batch produced right after a topic is created
 * when more than one request is in flight (KAFKA-15591, fixed in 4.5). Pitwall therefore creates its
 * topics up front and lets producers start only once each partition has a leader. Works against any
 * cluster, not only the embedded one.
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private KafkaTopics() {
    }

    /** Same as {@link #createAndAwaitLeaders(Admin, Collection, Duration)} with a short-lived admin client. */
    public static void createAndAwaitLeaders(String bootstrapServers, Collection<NewTopic> topics, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "pitwall-topic-creator"))) {
            createAndAwaitLeaders(admin, topics, timeout);
        }
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until every
     * partition of every topic has a leader.
     *
     * @throws TimeoutException when some partition still has no leader after {@code timeout}
     */
    public static void createAndAwaitLeaders(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        create(admin, topics);
        Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toCollection(TreeSet::new));
        List<String> waitingFor = List.of("no answer yet");
        while (System.nanoTime() < deadline) {
            waitingFor = partitionsWithoutLeader(admin, names);
            if (waitingFor.isEmpty()) {
                LOG.debug("topics {} created and every partition has a leader", names);
                return;
            }
            sleep(POLL_INTERVAL);
        }
        throw new TimeoutException("topics " + names + " not ready within " + timeout.toMillis()
                + " ms; still without a leader: " + waitingFor);
    }

    private static void create(Admin admin, Collection<NewTopic> topics) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + result.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
                LOG.debug("topic {} exists already", result.getKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + result.getKey(), e);
            }
        }
    }

    /** Partitions (as "topic-n", or a topic name while it is not visible yet) that have no leader. */
    private static List<String> partitionsWithoutLeader(Admin admin, Set<String> names) {
        List<String> missing = new ArrayList<>();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        for (String name : names) {
            try {
                TopicDescription description = descriptions.get(name).get();
                if (description.partitions().isEmpty()) {
                    missing.add(name);
                }
                for (TopicPartitionInfo partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        missing.add(name + "-" + partition.partition());
                    }
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe topic " + name + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
                missing.add(name); // created, but the metadata has not reached the broker yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + name, e);
            }
        }
        return missing;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic leaders", e);
        }
    }
}
