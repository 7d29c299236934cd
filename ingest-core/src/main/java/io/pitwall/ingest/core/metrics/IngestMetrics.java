package io.pitwall.ingest.core.metrics;

import static io.pitwall.ingest.core.metrics.MetricNames.TAG_KIND;
import static io.pitwall.ingest.core.metrics.MetricNames.TAG_REASON;
import static io.pitwall.ingest.core.metrics.MetricNames.TAG_SOURCE;
import static io.pitwall.ingest.core.metrics.MetricNames.TAG_TOPIC;
import static io.pitwall.ingest.core.metrics.MetricNames.TAG_VENUE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard meters of one ingest process (one hardware protocol, many venues). Meters are created
 * on first use per venue and cached, so recording on the Netty event loop is a map lookup and an
 * atomic add.
 *
 * <p>Venue ids become tag values. To keep a misbehaving or hostile client from creating unbounded
 * time series, at most {@value #MAX_VENUES} distinct venues get their own series; further venues are
 * counted under {@value #OVERFLOW_VENUE} (and logged once). Use {@link #UNKNOWN_VENUE} before a
 * connection has identified its venue.
 */
public final class IngestMetrics {

    /** Venue tag for input received before the connection's venue is known (e.g. before a handshake). */
    public static final String UNKNOWN_VENUE = "unknown";
    /** Venue tag used once {@value #MAX_VENUES} venues have their own series. */
    public static final String OVERFLOW_VENUE = "other";
    public static final int MAX_VENUES = 500;

    private static final Logger LOG = LoggerFactory.getLogger(IngestMetrics.class);

    private final MeterRegistry registry;
    private final String source;
    private final Map<String, VenueMeters> venues = new ConcurrentHashMap<>();
    private final Counter serializationRetries;

    /**
     * @param registry where the meters live (a {@code PrometheusMeterRegistry} in services)
     * @param source   the hardware protocol, e.g. {@code CTP01}; tagged on every meter
     */
    public IngestMetrics(MeterRegistry registry, String source) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.source = Objects.requireNonNull(source, "source");
        this.serializationRetries = Counter.builder(MetricNames.SERIALIZATION_RETRIES)
                .description("Serialization attempts retried because the schema registry was unreachable")
                .tag(TAG_SOURCE, source)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String source() {
        return source;
    }

    /** One protocol message (frame, line, PDU) arrived from the hardware of {@code venue}. */
    public void received(String venue) {
        venue(venue).received.increment();
    }

    /** Kafka acknowledged an event of {@code venue} on {@code topic}. */
    public void published(String venue, String topic) {
        VenueMeters m = venue(venue);
        m.published.computeIfAbsent(topic, t -> Counter.builder(MetricNames.PUBLISHED)
                .description("Events Kafka acknowledged")
                .tags(TAG_VENUE, m.venue, TAG_SOURCE, source, TAG_TOPIC, t)
                .register(registry)).increment();
    }

    /** Input from {@code venue} could not be decoded; {@code kind} is a short fixed word, e.g. {@code frame_too_long}. */
    public void decodeError(String venue, String kind) {
        VenueMeters m = venue(venue);
        m.decodeErrors.computeIfAbsent(kind, k -> Counter.builder(MetricNames.DECODE_ERRORS)
                .description("Input that could not be decoded, by kind")
                .tags(TAG_VENUE, m.venue, TAG_SOURCE, source, TAG_KIND, k)
                .register(registry)).increment();
    }

    /** A hardware connection of {@code venue} was re-established after a failure. */
    public void reconnect(String venue) {
        venue(venue).reconnects.increment();
    }

    /** A hardware connection of {@code venue} opened. Pair with {@link #connectionClosed}. */
    public void connectionOpened(String venue) {
        venue(venue).connections.incrementAndGet();
    }

    public void connectionClosed(String venue) {
        venue(venue).connections.decrementAndGet();
    }

    /** Open hardware connections of {@code venue}. */
    public int connections(String venue) {
        VenueMeters m = venues.get(venue);
        return m == null ? 0 : m.connections.get();
    }

    /** Time from publish to acknowledgement of one event of {@code venue}. */
    public void confirmLatency(String venue, long nanos) {
        venue(venue).confirmLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A publish of {@code venue} failed and was not confirmed; {@code reason} as in {@link MetricNames#PUBLISH_FAILURES}. */
    public void publishFailure(String venue, String reason) {
        VenueMeters m = venue(venue);
        m.failures.computeIfAbsent(reason, r -> Counter.builder(MetricNames.PUBLISH_FAILURES)
                .description("Publishes that failed and were therefore not confirmed to the hardware")
                .tags(TAG_VENUE, m.venue, TAG_SOURCE, source, TAG_REASON, r)
                .register(registry)).increment();
    }

    public void serializationRetry() {
        serializationRetries.increment();
    }

    private VenueMeters venue(String venue) {
        String v = venue == null || venue.isEmpty() ? UNKNOWN_VENUE : venue;
        VenueMeters existing = venues.get(v);
        if (existing != null) {
            return existing;
        }
        if (venues.size() >= MAX_VENUES) {
            VenueMeters overflow = venues.computeIfAbsent(OVERFLOW_VENUE, VenueMeters::new);
            if (overflow.overflowLogged.compareAndSet(0, 1)) {
                LOG.warn("More than {} venues seen; metrics of further venues (first: {}) are tagged venue={}",
                        MAX_VENUES, v, OVERFLOW_VENUE);
            }
            return overflow;
        }
        return venues.computeIfAbsent(v, VenueMeters::new);
    }

    /** The meters of one venue; the per-topic/per-kind ones are created on first use. */
    private final class VenueMeters {
        final String venue;
        final Counter received;
        final Counter reconnects;
        final Timer confirmLatency;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger overflowLogged = new AtomicInteger();
        final Map<String, Counter> published = new ConcurrentHashMap<>();
        final Map<String, Counter> decodeErrors = new ConcurrentHashMap<>();
        final Map<String, Counter> failures = new ConcurrentHashMap<>();

        VenueMeters(String venue) {
            this.venue = venue;
            this.received = Counter.builder(MetricNames.RECEIVED)
                    .description("Protocol messages received from the hardware (frames, lines, PDUs)")
                    .tags(TAG_VENUE, venue, TAG_SOURCE, source)
                    .register(registry);
            this.reconnects = Counter.builder(MetricNames.RECONNECTS)
                    .description("Reconnects of hardware connections")
                    .tags(TAG_VENUE, venue, TAG_SOURCE, source)
                    .register(registry);
            this.confirmLatency = Timer.builder(MetricNames.CONFIRM_LATENCY)
                    .description("Time from publish to Kafka acknowledgement: how long a confirm to the hardware waits")
                    .tags(TAG_VENUE, venue, TAG_SOURCE, source)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry);
            Gauge.builder(MetricNames.CONNECTIONS, connections, AtomicInteger::get)
                    .description("Open hardware connections")
                    .tags(TAG_VENUE, venue, TAG_SOURCE, source)
                    .register(registry);
        }
    }
}
