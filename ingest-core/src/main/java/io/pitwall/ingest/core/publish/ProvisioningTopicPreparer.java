package io.pitwall.ingest.core.publish;

import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.schemas.catalog.TopicProvisioner;
import io.pitwall.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the publisher's topics exist and every partition has a leader before the first send,
 * retrying with backoff while Kafka is unreachable (a service may start before its broker).
 */
final class ProvisioningTopicPreparer implements DurablePublisher.TopicPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningTopicPreparer.class);

    private final Map<String, Object> adminProperties;
    private final boolean create;
    private final short replicationFactor;
    private final Duration timeout;

    ProvisioningTopicPreparer(Map<String, Object> adminProperties, boolean create, short replicationFactor, Duration timeout) {
        this.adminProperties = adminProperties;
        this.create = create;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    @Override
    public void prepare(Collection<TopicSpec> topics, CountDownLatch closing) throws InterruptedException {
        // decorrelated jitter never waits less than the initial second: no tight loop against a broker that is starting
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
                ReconnectBackoff.Jitter.DECORRELATED, new SplittableRandom());
        try (Admin admin = Admin.create(adminProperties)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, replicationFactor, timeout);
            while (true) {
                try {
                    if (create) {
                        provisioner.provision(topics);
                    } else {
                        provisioner.awaitLeaders(topics.stream().map(TopicSpec::name).collect(Collectors.toSet()));
                    }
                    return;
                } catch (RuntimeException e) {
                    Duration delay = backoff.nextDelay();
                    LOG.warn("Cannot {} Kafka topics {} (attempt {}): {}; retrying in {} ms{}",
                            create ? "provision" : "find", topics.stream().map(TopicSpec::name).toList(),
                            backoff.attempts(), e.getMessage(), delay.toMillis(),
                            create ? "" : " (topics.create=false: the topics must be created by the platform, e.g. KafkaTopic resources)");
                    if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("Publisher closed while waiting for Kafka topics", e);
                    }
                }
            }
        }
    }
}
