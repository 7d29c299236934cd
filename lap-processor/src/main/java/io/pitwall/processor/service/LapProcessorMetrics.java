package io.pitwall.processor.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.events.LapEventKind;
import io.pitwall.processor.errors.DeadLetterListener;
import io.pitwall.processor.topology.ProcessingMetrics;
import java.util.Locale;

/**
 * Pitwall's own lap-processor meters (Kafka Streams' meters are bound separately). Names in Micrometer's dotted
 * form; Prometheus scrapes {@code pitwall.processor.duplicates.dropped} as
 * {@code pitwall_processor_duplicates_dropped_total}. Dashboards depend on them.
 *
 * <p>Counters count what this process saw since it started; after a rebalance or restart, work redone from
 * the last commit may be counted again. Venues are not a tag: a championship has hundreds, and the logs name
 * the venue of every gap and poison record.
 */
final class LapProcessorMetrics implements ProcessingMetrics, DeadLetterListener {

    static final String DUPLICATES = "pitwall.processor.duplicates.dropped";
    static final String GAPS = "pitwall.processor.gaps.skipped";
    static final String MISSING = "pitwall.processor.gap.passings.missing";
    static final String LATE = "pitwall.processor.late.passings";
    static final String GHOST_READS = "pitwall.processor.ghost.reads";
    static final String CORRECTIONS = "pitwall.processor.lap.corrections";
    static final String STATES = "pitwall.processor.states.published";
    static final String DEAD_LETTERS = "pitwall.processor.dead.letters";
    static final String ENGINE_FAILURES = "pitwall.processor.engine.failures";
    static final String SESSIONS_REMOVED = "pitwall.processor.sessions.removed";

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter missing;
    private final Counter late;
    private final Counter ghostReads;
    private final Counter corrected;
    private final Counter deleted;
    private final Counter statesOnChange;
    private final Counter statesOnTick;

    LapProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        duplicates = Counter.builder(DUPLICATES)
                .description("Passings dropped because the same venue/stream/epoch/sequence had been seen").register(registry);
        gaps = Counter.builder(GAPS)
                .description("Gaps in a decoder stream's sequence given up on after reorder.max-delay").register(registry);
        missing = Counter.builder(MISSING)
                .description("Passings missing in the skipped gaps").register(registry);
        late = Counter.builder(LATE)
                .description("Passings that arrived after their gap was skipped; inserted, laps recomputed").register(registry);
        ghostReads = Counter.builder(GHOST_READS)
                .description("Crossings ignored as ghost reads (sooner than the line's minimum time)").register(registry);
        corrected = corrections(LapEventKind.CORRECTED);
        deleted = corrections(LapEventKind.DELETED);
        statesOnChange = states("change");
        statesOnTick = states("tick");
    }

    private Counter corrections(LapEventKind kind) {
        return Counter.builder(CORRECTIONS).tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .description("Published laps corrected or deleted by a late passing, race control or a new configuration")
                .register(registry);
    }

    private Counter states(String cause) {
        return Counter.builder(STATES).tag("cause", cause)
                .description("Timing71 states published: on change (coalesced) or on the clock tick").register(registry);
    }

    @Override
    public void duplicatesDropped(int count) {
        duplicates.increment(count);
    }

    @Override
    public void gapSkipped(long missingPassings) {
        gaps.increment();
        missing.increment(missingPassings);
    }

    @Override
    public void latePassings(int count) {
        late.increment(count);
    }

    @Override
    public void ghostReads(int delta) {
        // a counter cannot go down: a late passing that turns a ghost read into a real crossing is not subtracted
        if (delta > 0) {
            ghostReads.increment(delta);
        }
    }

    @Override
    public void lapCorrected(LapEventKind kind) {
        (kind == LapEventKind.DELETED ? deleted : corrected).increment();
    }

    @Override
    public void statePublished(boolean tick) {
        (tick ? statesOnTick : statesOnChange).increment();
    }

    @Override
    public void engineFailed(String sourceTopic) {
        Counter.builder(ENGINE_FAILURES).tag("topic", sourceTopic)
                .description("Readable inputs the timing engine failed on; dead-lettered, the venue's session rolled back")
                .register(registry).increment();
        deadLettered(sourceTopic);
    }

    @Override
    public void sessionRemoved() {
        Counter.builder(SESSIONS_REMOVED)
                .description("Replaced sessions whose Timing71 state and manifest were tombstoned").register(registry)
                .increment();
    }

    @Override
    public void deadLettered(String sourceTopic) {
        Counter.builder(DEAD_LETTERS).tag("topic", sourceTopic)
                .description("Records sent to pitwall.dead-letter (unreadable, or failing the timing engine), by source topic").register(registry).increment();
    }
}
