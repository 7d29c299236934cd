package io.pitwall.publisher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitwall.publisher.fanout.Transport;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The publisher's meters, named {@code pitwall.publisher.*} (Prometheus: {@code pitwall_publisher_*}).
 * Hot-path meters are looked up once here, so a delivery to one client costs a counter add, not a
 * registry lookup.
 */
public final class PublisherMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private final Map<Transport, AtomicInteger> clients = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> bytesSent = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> updatesSent = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> conflated = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> slowDisconnects = new EnumMap<>(Transport.class);
    private final Map<Transport, Timer> deliveryLag = new EnumMap<>(Transport.class);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Counter rejectedConnections;
    private final Timer recordAge;

    public PublisherMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (Transport t : Transport.values()) {
            AtomicInteger n = new AtomicInteger();
            clients.put(t, n);
            Gauge.builder("pitwall.publisher.clients", n, AtomicInteger::get).tag("transport", t.tag())
                    .description("Connected subscribers").register(registry);
            bytesSent.put(t, Counter.builder("pitwall.publisher.sent").tag("transport", t.tag())
                    .baseUnit("bytes").description("Payload bytes written to subscribers").register(registry));
            updatesSent.put(t, Counter.builder("pitwall.publisher.updates.sent").tag("transport", t.tag())
                    .description("Messages written to subscribers").register(registry));
            conflated.put(t, Counter.builder("pitwall.publisher.updates.conflated").tag("transport", t.tag())
                    .description("Updates a subscriber skipped because a newer one replaced them (slow client, or a busy event loop)").register(registry));
            slowDisconnects.put(t, Counter.builder("pitwall.publisher.slow.disconnects").tag("transport", t.tag())
                    .description("Subscribers closed for not reading within slow.client.timeout").register(registry));
            deliveryLag.put(t, Timer.builder("pitwall.publisher.delivery.lag").tag("transport", t.tag())
                    .description("From reading a state from Kafka to handing it to a subscriber's socket")
                    .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
        Gauge.builder("pitwall.publisher.connections.open", openConnections, AtomicInteger::get)
                .description("Open connections on all ports").register(registry);
        rejectedConnections = Counter.builder("pitwall.publisher.connections.rejected")
                .description("Connections refused at max.connections").register(registry);
        recordAge = Timer.builder("pitwall.publisher.record.age")
                .description("From the Kafka record timestamp to the publisher reading it (live records only)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Registers a gauge read on every scrape, e.g. live services or readiness. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    public AtomicInteger clients(Transport t) {
        return clients.get(t);
    }

    public void sent(Transport t, int bytes) {
        bytesSent.get(t).increment(bytes);
        updatesSent.get(t).increment();
    }

    public void conflated(Transport t) {
        conflated.get(t).increment();
    }

    public void conflated(Transport t, int updates) {
        conflated.get(t).increment(updates);
    }

    public void slowDisconnect(Transport t) {
        slowDisconnects.get(t).increment();
    }

    public void deliveryLag(Transport t, long nanos) {
        deliveryLag.get(t).record(nanos, TimeUnit.NANOSECONDS);
    }

    public Timer deliveryLagTimer(Transport t) {
        return deliveryLag.get(t);
    }

    public AtomicInteger openConnections() {
        return openConnections;
    }

    public void rejected() {
        rejectedConnections.increment();
    }

    public void recordAge(long millis) {
        recordAge.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
