package io.pitwall.ingest.lapsnapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.lapsnapper.stream.EpochTracker;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The LapSnapper-specific meters, next to ingest-core's standard {@code pitwall_ingest_*} ones. Tag values come
 * from the configuration (venues, decoders of configured servers) and fixed words, so the series are bounded.
 */
public final class LapSnapperMetrics {

    /** Counter {venue, verdict}: time events by how they relate to the stream (next, out_of_order, resent, new_epoch). */
    public static final String TIME_EVENTS = "pitwall.lapsnapper.time.events";
    /**
     * Counter {venue, command, result}: remote-control commands by outcome (sent, expired, rejected, duplicate;
     * records that cannot be read count as command "unreadable", result "dead_lettered").
     */
    public static final String COMMANDS = "pitwall.lapsnapper.commands";
    /** Gauge {venue, stream}, seconds: decoder clock minus ingest clock at the last 6101 Decoder Time. */
    public static final String CLOCK_OFFSET = "pitwall.lapsnapper.decoder.clock.offset";
    /** Gauge {venue}: handshaken LapSnapper connections. */
    public static final String DECODERS_READY = "pitwall.lapsnapper.decoders.ready";
    /** Counter {venue}: time events that could not be published (LapSnapper cannot send them again). */
    public static final String PASSINGS_LOST = "pitwall.lapsnapper.passings.lost";

    private static final String TAG_STREAM = "stream";
    private static final String TAG_VERDICT = "verdict";
    private static final String TAG_COMMAND = "command";
    private static final String TAG_RESULT = "result";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> clockOffsets = new ConcurrentHashMap<>();

    public LapSnapperMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void timeEvent(String venue, EpochTracker.Verdict verdict) {
        String v = verdict.name().toLowerCase(Locale.ROOT);
        counter(key(TIME_EVENTS, venue, v), () -> Counter.builder(TIME_EVENTS)
                .description("LapSnapper time events by relation to their stream: next, out_of_order, resent, new_epoch")
                .tags(MetricNames.TAG_VENUE, venue, MetricNames.TAG_SOURCE, LapSnapperIngest.SOURCE, TAG_VERDICT, v)
                .register(registry)).increment();
    }

    public void command(String venue, String command, String result) {
        String r = result.toLowerCase(Locale.ROOT);
        counter(key(COMMANDS, venue, command, r), () -> Counter.builder(COMMANDS)
                .description("Remote-control commands by outcome")
                .tags(MetricNames.TAG_VENUE, venue, MetricNames.TAG_SOURCE, LapSnapperIngest.SOURCE, TAG_COMMAND,
                        command, TAG_RESULT, r)
                .register(registry)).increment();
    }

    /** A record on the command topic keyed by this venue that could not be read went to the dead-letter topic. */
    public void commandDeadLettered(String venue) {
        command(venue, "unreadable", "dead_lettered");
    }

    public void passingLost(String venue) {
        counter(key(PASSINGS_LOST, venue), () -> Counter.builder(PASSINGS_LOST)
                .description("LapSnapper time events that could not be published; LapSnapper cannot send them again")
                .tags(MetricNames.TAG_VENUE, venue, MetricNames.TAG_SOURCE, LapSnapperIngest.SOURCE)
                .register(registry)).increment();
    }

    public void clockOffset(String venue, String streamId, long offsetMillis) {
        clockOffsets.computeIfAbsent(streamId, s -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(CLOCK_OFFSET, holder, h -> h.get() / 1000.0)
                    .description("Decoder clock minus ingest clock at the last Decoder Time answer")
                    .baseUnit("seconds")
                    .tags(MetricNames.TAG_VENUE, venue, MetricNames.TAG_SOURCE, LapSnapperIngest.SOURCE, TAG_STREAM, s)
                    .register(registry);
            return holder;
        }).set(offsetMillis);
    }

    /** Registers the ready-connections gauge of a venue. */
    public void decodersReady(String venue, Supplier<Number> ready) {
        Gauge.builder(DECODERS_READY, ready)
                .description("Handshaken LapSnapper connections")
                .tags(MetricNames.TAG_VENUE, venue, MetricNames.TAG_SOURCE, LapSnapperIngest.SOURCE)
                .register(registry);
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    private Counter counter(String id, Supplier<Counter> create) {
        return counters.computeIfAbsent(id, k -> create.get());
    }
}
