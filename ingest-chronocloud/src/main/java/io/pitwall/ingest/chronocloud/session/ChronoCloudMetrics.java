package io.pitwall.ingest.chronocloud.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters only ChronoCloud has; the standard ones (received, published, decode errors,
 * connections, confirm latency) come from ingest-core's {@code IngestMetrics}. Venue tags here are
 * bounded by configuration: only configured venues (and {@code unknown}) ever appear.
 */
public final class ChronoCloudMetrics {

    public static final String SIGNATURES = "pitwall.chronocloud.signatures";
    public static final String DUPLICATES = "pitwall.chronocloud.duplicates";
    public static final String NUMBERING_RESTARTS = "pitwall.chronocloud.numbering.restarts";
    public static final String CONNECTIONS_REFUSED = "pitwall.chronocloud.connections.refused";
    public static final String SOURCE = "CHRONOCLOUD";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ChronoCloudMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A signature check: {@code result} is verified, unsigned, rejected or flagged. */
    public void signature(String venue, String result) {
        counter(SIGNATURES, "Signature checks of PDUs by result: verified, unsigned (no key configured),"
                + " rejected or flagged (invalid)", "venue", venue, "result", result).increment();
    }

    /** A re-sent PDU recognised and confirmed without publishing it again. */
    public void duplicate(String venue) {
        counter(DUPLICATES, "Re-sent passings recognised and confirmed without publishing them again",
                "venue", venue).increment();
    }

    /** A station restarted its id numbering within a round (tables cleared): a new stream epoch. */
    public void numberingRestart(String venue) {
        counter(NUMBERING_RESTARTS, "Id numberings restarted within a round (ChronoFly tables cleared):"
                + " new streamEpoch", "venue", venue).increment();
    }

    /** A TCP connection closed at once: {@code reason} is {@code total} or {@code per_address}. */
    public void connectionRefused(String reason) {
        counter(CONNECTIONS_REFUSED, "Connections closed at once because a connection limit was reached",
                "reason", reason).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description)
                .tag("source", SOURCE).tags(tags).register(registry));
    }
}
