package io.pitwall.ingest.core.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.ingest.core.backoff.BackoffFields;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.health.HealthRegistry;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.publish.AutoReadSwitch;
import io.pitwall.ingest.core.publish.DurablePublisher;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/** What a running ingest gets from {@link IngestService}. */
public final class ServiceContext {

    private final Configuration config;
    private final DurablePublisher<SpecificRecord> publisher;
    private final IngestMetrics metrics;
    private final HealthRegistry health;
    private final AutoReadSwitch autoReadSwitch;

    ServiceContext(Configuration config, DurablePublisher<SpecificRecord> publisher, IngestMetrics metrics,
            HealthRegistry health, AutoReadSwitch autoReadSwitch) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.health = health;
        this.autoReadSwitch = autoReadSwitch;
    }

    /** All options: the ingest's own and {@link CommonFields}. */
    public Configuration config() {
        return config;
    }

    /** The process's one publisher (already started: topics exist, Kafka was reachable). */
    public DurablePublisher<SpecificRecord> publisher() {
        return publisher;
    }

    /** Standard ingest meters, tagged with this ingest's source. */
    public IngestMetrics metrics() {
        return metrics;
    }

    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Add readiness checks here, e.g. "hardware connected" for client-type ingests. */
    public HealthRegistry health() {
        return health;
    }

    /** Attach hardware channels so they pause reading while the publisher is not writable. */
    public AutoReadSwitch autoReadSwitch() {
        return autoReadSwitch;
    }

    /**
     * Kafka client settings (bootstrap plus every {@code kafka.*} passthrough such as TLS/SASL) for the
     * consumers an ingest runs besides the publisher, e.g. reading race control or its resume positions.
     * A fresh mutable copy: add the consumer's own settings to it.
     */
    public Map<String, Object> kafkaClientProperties() {
        return IngestService.kafkaClientProperties(config);
    }

    /** Serde settings under Confluent's keys (registry URL, credentials), for deserializers an ingest runs. */
    public Map<String, Object> serdeConfig() {
        return CommonFields.serdeConfig(config);
    }

    public String serviceId() {
        return config.get(CommonFields.SERVICE_ID);
    }

    /**
     * A fresh backoff for one connection, from the {@code reconnect.backoff.*} options if the ingest
     * declares {@link BackoffFields#FIELDS}, otherwise 500 ms doubling to 30 s with full jitter.
     */
    public ReconnectBackoff newReconnectBackoff() {
        if (config.fields().contains(BackoffFields.INITIAL)) {
            return ReconnectBackoff.fromConfig(config);
        }
        return new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), ReconnectBackoff.Jitter.FULL,
                new SplittableRandom());
    }
}
