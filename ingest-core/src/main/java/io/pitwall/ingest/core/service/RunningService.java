package io.pitwall.ingest.core.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitwall.ingest.core.health.HealthServer;
import io.pitwall.ingest.core.health.KafkaReachabilityProbe;
import io.pitwall.ingest.core.health.StartupCheck;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started ingest with everything around it. {@link #close()} shuts it down in the right order. */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final Ingest ingest;
    private final ServiceContext context;
    private final HealthServer httpServer;
    private final KafkaReachabilityProbe probe;
    private final PrometheusMeterRegistry registry;
    private final StartupCheck startup;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    RunningService(Ingest ingest, ServiceContext context, HealthServer httpServer, KafkaReachabilityProbe probe,
            PrometheusMeterRegistry registry, StartupCheck startup, Duration closeTimeout) {
        this.ingest = ingest;
        this.context = context;
        this.httpServer = httpServer;
        this.probe = probe;
        this.registry = registry;
        this.startup = startup;
        this.closeTimeout = closeTimeout;
    }

    public ServiceContext context() {
        return context;
    }

    /** Port of the health/metrics server. */
    public int httpPort() {
        return httpServer.port();
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** Blocks until {@link #close()} has completed (e.g. from the shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Turns readiness DOWN, stops the hardware side (no new input), then lets the publisher deliver what it holds,
     * then stops health and metrics — so Kubernetes sees the instance until its records are safe.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("{} shutting down", ingest.name());
        // not ready from here on: a load balancer stops sending while the records held are flushed
        startup.stopping();
        try {
            ingest.stop();
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly", ingest.name(), e);
        }
        context.publisher().close(closeTimeout);
        probe.close();
        httpServer.close();
        registry.close();
        LOG.info("{} stopped", ingest.name());
        stopped.countDown();
    }
}
