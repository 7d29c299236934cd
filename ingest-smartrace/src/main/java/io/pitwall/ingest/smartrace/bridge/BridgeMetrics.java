package io.pitwall.ingest.smartrace.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of bridge mode, per venue (venues are the configured ones, so the series are bounded):
 * <ul>
 *   <li>{@value #FRAMES} {venue, direction=to_upstream|to_sensor}: frames relayed;</li>
 *   <li>{@value #DROPPED} {venue, reason=buffer_full|sensor_slow}: frames not relayed;</li>
 *   <li>{@value #OPEN} {venue}: upstream connections open now.</li>
 * </ul>
 */
public final class BridgeMetrics {

    public static final String FRAMES = "pitwall.smartrace.bridge.frames";
    public static final String DROPPED = "pitwall.smartrace.bridge.dropped";
    public static final String OPEN = "pitwall.smartrace.bridge.upstreams.open";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void toUpstream(String venue) {
        counter(FRAMES, venue, "direction", "to_upstream").increment();
    }

    public void toSensor(String venue) {
        counter(FRAMES, venue, "direction", "to_sensor").increment();
    }

    public void dropped(String venue, String reason) {
        counter(DROPPED, venue, "reason", reason).increment();
    }

    public void opened(String venue) {
        gauge(venue).incrementAndGet();
    }

    public void closed(String venue) {
        gauge(venue).decrementAndGet();
    }

    public int openUpstreams(String venue) {
        AtomicInteger value = open.get(venue);
        return value == null ? 0 : value.get();
    }

    private Counter counter(String name, String venue, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + venue + '|' + value, k -> Counter.builder(name)
                .tags("venue", venue, tag, value)
                .register(registry));
    }

    private AtomicInteger gauge(String venue) {
        return open.computeIfAbsent(venue, v -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(OPEN, value, AtomicInteger::get)
                    .description("Open bridge connections to a real Smartrace Connect")
                    .tag("venue", v)
                    .register(registry);
            return value;
        });
    }
}
