package io.pitwall.ingest.core.metrics;

/**
 * The metric names every ingest uses, in Micrometer's dotted form. Prometheus sees them with
 * underscores and unit/type suffixes: {@code pitwall.ingest.received} is scraped as
 * {@code pitwall_ingest_received_total}. Dashboards and alerts depend on these names: change them only
 * with a migration note.
 */
public final class MetricNames {

    /** Counter {venue, source}: protocol messages received (LapSnapper frames, CTP01 lines, ChronoCloud PDUs...). */
    public static final String RECEIVED = "pitwall.ingest.received";

    /** Counter {venue, source, topic}: events Kafka acknowledged. */
    public static final String PUBLISHED = "pitwall.ingest.events.published";

    /** Counter {venue, source, kind}: input that could not be decoded, by kind of error. */
    public static final String DECODE_ERRORS = "pitwall.ingest.decode.errors";

    /** Counter {venue, source}: reconnects of a hardware connection (client-type ingests). */
    public static final String RECONNECTS = "pitwall.ingest.reconnects";

    /** Gauge {venue, source}: open hardware connections. */
    public static final String CONNECTIONS = "pitwall.ingest.connections";

    /** Timer {venue, source}: from publish() to Kafka's acknowledgement, i.e. how long confirms to hardware wait. */
    public static final String CONFIRM_LATENCY = "pitwall.ingest.confirm.latency";

    /** Counter {venue, source, reason}: publishes that failed and so were not confirmed (reason: buffer_full, serialization, kafka, closed). */
    public static final String PUBLISH_FAILURES = "pitwall.ingest.publish.failures";

    /** Counter {source}: serialization attempts retried because the schema registry was unreachable. */
    public static final String SERIALIZATION_RETRIES = "pitwall.ingest.serialization.retries";

    /** Gauge {source}: records accepted by the publisher and not yet acknowledged by Kafka. */
    public static final String BUFFERED_RECORDS = "pitwall.ingest.buffered.records";

    /** Gauge {source}: 1 while the publisher accepts more records without back-pressure, 0 while hardware should pause. */
    public static final String PUBLISH_WRITABLE = "pitwall.ingest.publish.writable";

    /** Gauge {source}: 1 while Kafka is considered unreachable (records held without ack, or the probe failing). */
    public static final String KAFKA_UNREACHABLE = "pitwall.ingest.kafka.unreachable";

    /** Gauge {source}, seconds: how long the current Kafka outage has lasted, 0 when reachable. */
    public static final String KAFKA_UNREACHABLE_DURATION = "pitwall.ingest.kafka.unreachable.duration";

    /** Gauge {source}: 1 while serialization is retrying because the schema registry does not answer. */
    public static final String SCHEMA_REGISTRY_UNREACHABLE = "pitwall.ingest.schema.registry.unreachable";

    /** Tag: venue id. */
    public static final String TAG_VENUE = "venue";
    /** Tag: hardware protocol (LAPSNAPPER, CTP01, CHRONOCLOUD, SMARTRACE). */
    public static final String TAG_SOURCE = "source";
    /** Tag: Kafka topic. */
    public static final String TAG_TOPIC = "topic";
    /** Tag: kind of decode error. */
    public static final String TAG_KIND = "kind";
    /** Tag: why a publish failed. */
    public static final String TAG_REASON = "reason";
    /** Common tag on every meter of a process: the service id. */
    public static final String TAG_SERVICE = "service";

    private MetricNames() {
    }
}
