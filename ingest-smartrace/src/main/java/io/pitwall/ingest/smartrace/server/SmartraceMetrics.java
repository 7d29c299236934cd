package io.pitwall.ingest.smartrace.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Smartrace-specific meters, next to ingest-core's standard ones. Venue tags only take configured
 * venue ids and reasons are fixed words, so the series are bounded.
 * <ul>
 *   <li>{@value #DUPLICATES} {venue}: re-sent crossings recognised and dropped;</li>
 *   <li>{@value #REANCHORS} {venue}: sensor counters re-anchored (a late first message or a fast sensor clock);</li>
 *   <li>{@value #WRAPS} {venue}: sensor counter wraps (2^30 or 2^32) unwrapped;</li>
 *   <li>{@value #UNCONFIRMED} {venue}: crossings Kafka did not take, whose connection was closed so the
 *       sensor re-sends;</li>
 *   <li>{@value #REJECTED} {reason=unknown_venue|bad_token|too_many_connections|bad_request}: upgrade
 *       requests refused.</li>
 * </ul>
 */
public final class SmartraceMetrics {

    public static final String DUPLICATES = "pitwall.smartrace.duplicates";
    public static final String REANCHORS = "pitwall.smartrace.clock.reanchors";
    public static final String WRAPS = "pitwall.smartrace.clock.wraps";
    public static final String UNCONFIRMED = "pitwall.smartrace.unconfirmed";
    public static final String REJECTED = "pitwall.smartrace.rejected.connections";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SmartraceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void duplicate(String venue) {
        counter(DUPLICATES, "venue", venue).increment();
    }

    public void reanchored(String venue) {
        counter(REANCHORS, "venue", venue).increment();
    }

    public void wrapped(String venue) {
        counter(WRAPS, "venue", venue).increment();
    }

    public void unconfirmed(String venue) {
        counter(UNCONFIRMED, "venue", venue).increment();
    }

    public void rejected(String reason) {
        counter(REJECTED, "reason", reason).increment();
    }

    /** Current value of a counter, 0 if it was never incremented (tests, diagnostics). */
    public double count(String name, String tagValue) {
        Counter counter = counters.get(name + '|' + tagValue);
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
