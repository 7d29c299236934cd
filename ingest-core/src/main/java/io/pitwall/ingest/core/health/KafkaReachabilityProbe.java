package io.pitwall.ingest.core.health;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Kafka {@code describeCluster} every interval and remembers the answer, so the readiness check
 * is instant and a probe request never waits on Kafka. Logs each transition once (reachable ↔
 * unreachable), not every failed attempt.
 *
 * <p>Reports unreachable until the first successful answer.
 */
public final class KafkaReachabilityProbe implements HealthCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachabilityProbe.class);

    private final Admin admin;
    private final boolean ownsAdmin;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private volatile CheckResult last = CheckResult.down("not checked yet");
    /** Reachability as last logged; null before the first check. Only touched by the probe thread. */
    private Boolean loggedReachable;

    /**
     * @param admin     admin client of the cluster; closed by {@link #close()} only if {@code ownsAdmin}
     * @param interval  time between checks
     * @param timeout   how long one {@code describeCluster} may take before Kafka counts as unreachable
     * @param ownsAdmin whether {@link #close()} closes the admin client
     */
    public KafkaReachabilityProbe(Admin admin, Duration interval, Duration timeout, boolean ownsAdmin) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.ownsAdmin = ownsAdmin;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pitwall-kafka-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** A probe with its own admin client built from {@code adminProperties} (bootstrap servers, security). */
    public static KafkaReachabilityProbe create(Map<String, Object> adminProperties, Duration interval, Duration timeout) {
        return new KafkaReachabilityProbe(Admin.create(adminProperties), interval, timeout, true);
    }

    /** Starts checking now and then every interval. */
    public KafkaReachabilityProbe start() {
        scheduler.scheduleWithFixedDelay(this::probeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs one check synchronously (the scheduler calls this). */
    void probeOnce() {
        CheckResult result;
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            String clusterId = cluster.clusterId().get();
            int brokers = cluster.nodes().get().size();
            result = CheckResult.up("cluster " + clusterId + ", " + brokers + (brokers == 1 ? " broker" : " brokers"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | RuntimeException e) {
            result = CheckResult.down("describeCluster failed: " + rootCause(e));
        }
        last = result;
        if (loggedReachable == null || loggedReachable != result.up()) {
            loggedReachable = result.up();
            if (result.up()) {
                LOG.info("Kafka reachable: {}", result.detail());
            } else {
                LOG.warn("Kafka unreachable: {}", result.detail());
            }
        }
    }

    public boolean isReachable() {
        return last.up();
    }

    @Override
    public CheckResult check() {
        return last;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
