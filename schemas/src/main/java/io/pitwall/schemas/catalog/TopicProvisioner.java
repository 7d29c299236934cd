package io.pitwall.schemas.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics and waits until every partition has a leader.
 *
 * <p>Waiting for leaders is not a nicety: Kafka 4.3.1 can silently drop the first batch produced right
 * after a topic is created when more than one request is in flight (KAFKA-15591, fixed in 4.5). Every
 * Pitwall service therefore provisions (or checks) its topics before its producer starts.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    /**
     * @param admin             admin client of the target cluster
     * @param replicationFactor replicas per partition (1 on a single broker, 3 in production)
     * @param timeout           how long to wait for creation and leaders
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** Creates every topic of {@link Topics#ALL} that does not exist yet, then waits for all leaders. */
    public void provisionAll() {
        provision(Topics.ALL);
    }

    /** Creates the given topics where missing (existing ones are left as they are) and waits for leaders. */
    public void provision(Collection<TopicSpec> specs) {
        List<NewTopic> missing = new ArrayList<>();
        Set<String> existing = listTopics();
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
            }
        }
        if (!missing.isEmpty()) {
            create(missing);
        }
        awaitLeaders(specs.stream().map(TopicSpec::name).collect(Collectors.toSet()));
    }

    private Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics (is Kafka reachable?): " + rootMessage(e), e);
        }
    }

    private void create(List<NewTopic> topics) {
        LOG.info("Creating topics {}", topics.stream().map(NewTopic::name).toList());
        var result = admin.createTopics(topics);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + entry.getKey() + ": " + rootMessage(e), e);
                }
                // another service created it at the same time: that is fine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating " + entry.getKey(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out after " + timeout + " creating topic " + entry.getKey(), e);
            }
        }
    }

    /** Polls until every partition of every named topic reports a leader, or fails after the timeout. */
    public void awaitLeaders(Set<String> topicNames) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> pending = Set.copyOf(topicNames);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(pending).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                pending = descriptions.values().stream()
                        .filter(d -> d.partitions().stream().map(TopicPartitionInfo::leader).anyMatch(l -> l == null))
                        .map(TopicDescription::name)
                        .collect(Collectors.toSet());
            } catch (ExecutionException e) {
                // UnknownTopicOrPartition right after creation: metadata not propagated yet, poll again
                LOG.debug("Topics not described yet: {}", rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for partition leaders", e);
            } catch (TimeoutException e) {
                // fall through to the deadline check
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Partitions of " + pending + " still have no leader after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for partition leaders", e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
