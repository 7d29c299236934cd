package io.pitwall.processor.topology;

import io.pitwall.events.Passing;
import io.pitwall.processor.stream.ReorderBuffer;
import io.pitwall.processor.stream.ReorderOutcome;
import io.pitwall.processor.stream.SkippedGap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedupe + reorder of {@code timing.passings} per stream; forwards passings in stream order as timing inputs.
 * A wall-clock punctuator skips gaps held longer than {@code reorder.max-delay}.
 */
final class ReorderProcessor implements Processor<String, Passing, String, TimingInput> {

    static final String POSITIONS_STORE = "reorder-positions";
    static final String HELD_STORE = "reorder-held";

    private static final Logger LOG = LoggerFactory.getLogger(ReorderProcessor.class);

    private final LapProcessorConfig config;
    private final ProcessingMetrics metrics;
    private ProcessorContext<String, TimingInput> context;
    private ReorderBuffer buffer;
    private long duplicates;
    private long gaps;

    ReorderProcessor(LapProcessorConfig config, ProcessingMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    ReorderProcessor(LapProcessorConfig config) {
        this(config, ProcessingMetrics.NONE);
    }

    @Override
    public void init(ProcessorContext<String, TimingInput> processorContext) {
        this.context = processorContext;
        KeyValueStore<Bytes, byte[]> positions = context.getStateStore(POSITIONS_STORE);
        KeyValueStore<Bytes, byte[]> held = context.getStateStore(HELD_STORE);
        this.buffer = new ReorderBuffer(new KeyValueReorderStore(positions, held), config.reorderMaxDelay());
        context.schedule(config.reorderCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> emit(buffer.expire(now), now));
    }

    @Override
    public void process(Record<String, Passing> record) {
        Passing passing = record.value();
        if (passing == null) {
            return;
        }
        emit(buffer.offer(passing, context.currentSystemTimeMs()), record.timestamp());
    }

    private void emit(ReorderOutcome outcome, long timestamp) {
        duplicates += outcome.duplicates();
        if (outcome.duplicates() > 0) {
            metrics.duplicatesDropped(outcome.duplicates());
        }
        if (outcome.late() > 0) {
            metrics.latePassings(outcome.late());
        }
        for (SkippedGap gap : outcome.skippedGaps()) {
            gaps++;
            metrics.gapSkipped(gap.size());
            LOG.warn("Skipped {} missing passing(s) {}..{} of stream {} after {} (gaps so far: {})", gap.size(),
                    gap.fromSequence(), gap.toSequence() - 1, gap.stream(), config.reorderMaxDelay(), gaps);
        }
        if (outcome.duplicates() > 0 && LOG.isDebugEnabled()) {
            LOG.debug("Dropped duplicate passing (duplicates so far: {})", duplicates);
        }
        for (Passing passing : outcome.forwarded()) {
            context.forward(new Record<>(passing.getVenueId(), new TimingInput.OfPassing(passing), timestamp));
        }
    }

    long duplicates() {
        return duplicates;
    }
}
