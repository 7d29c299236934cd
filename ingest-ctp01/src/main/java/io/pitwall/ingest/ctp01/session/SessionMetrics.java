package io.pitwall.ingest.ctp01.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CTP01-specific meters, next to ingest-core's standard ones. Venue tags only ever take configured
 * venue ids or {@code unknown} (a user that is not configured never becomes a tag), so the number of
 * series is bounded by the configuration.
 */
public final class SessionMetrics {

    public static final String HANDSHAKE_FAILURES = "pitwall.ctp01.handshake.failures";
    public static final String DUPLICATES = "pitwall.ctp01.duplicate.lines";
    public static final String SEQUENCE_GAPS = "pitwall.ctp01.sequence.gaps";
    public static final String CLIENT_ERRORS = "pitwall.ctp01.client.errors";

    /** Reasons of {@link #HANDSHAKE_FAILURES}. */
    public static final String UNKNOWN_USER = "unknown_user";
    public static final String WRONG_PASSWORD = "wrong_password";
    public static final String TIMEOUT = "timeout";

    private static final String SOURCE = "CTP01";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SessionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A connection failed to authenticate or did not finish its handshake in time. */
    public void handshakeFailure(String venue, String reason) {
        counter(HANDSHAKE_FAILURES, "Connections refused at authorization or closed for not finishing the handshake",
                venue, MetricNames.TAG_REASON, reason).increment();
    }

    /** A tag event line whose sequence was already received: a repeated line or a resend after resume. */
    public void duplicate(String venue) {
        counter(DUPLICATES, "Tag event lines dropped because their sequence was already received", venue, null, null)
                .increment();
    }

    /** Sequences a client skipped between two tag events of one location. */
    public void gap(String venue, long skipped) {
        counter(SEQUENCE_GAPS, "Sequence numbers skipped by clients (gun times not requested, or lost at the box)",
                venue, null, null).increment(skipped);
    }

    /** The client answered a command with {@code err~<command>~...}. */
    public void clientError(String venue, String command) {
        counter(CLIENT_ERRORS, "err~ replies from clients, by command", venue, "command",
                command.isEmpty() ? "unknown" : command).increment();
    }

    private Counter counter(String name, String description, String venue, String tag, String value) {
        String v = venue == null ? IngestMetrics.UNKNOWN_VENUE : venue;
        String key = name + '\u0000' + v + '\u0000' + (tag == null ? "" : value);
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name).description(description)
                    .tag(MetricNames.TAG_SOURCE, SOURCE).tag(MetricNames.TAG_VENUE, v);
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        });
    }
}
