package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The timing processor asks Kafka Streams for a commit soon after it forwarded a live result (so that live laps and
 * states become visible at the live commit interval) and leaves a backlog's results to Kafka Streams' longer commit
 * interval.
 */
class TimingProcessorCommitTest {

    private static final Duration LIVE_INTERVAL = Duration.ofMillis(20);

    private final MockProcessorContext<String, TimingOutput> context =
            TopologyHarness.mockContext(TopologyHarness.inputStore());
    private final long t0 = context.currentSystemTimeMs();

    @Test
    void shouldRequestACommitAsSoonAsALiveLapIsForwarded() {
        TimingProcessor processor = processor(LapProcessorConfig.defaults().withLiveCommitInterval(LIVE_INTERVAL));
        processor.init(context);
        processor.process(input(new TimingInput.OfConfig(TopologyHarness.config()), t0));
        assertThat(context.committed()).as("the new session's manifest and state").isTrue();
        context.resetCommit();

        at(t0 + 30);
        processor.process(passing(1, 0.0, t0 + 30));
        context.resetCommit();
        at(t0 + 60);
        processor.process(passing(2, 40.0, t0 + 60));

        assertThat(lapCount()).isEqualTo(1);
        assertThat(context.committed()).as("the lap's commit is requested with it").isTrue();
    }

    @Test
    void shouldRequestTheCommitOfALiveResultThatCameTooSoonWhenItsSlotComes() {
        TimingProcessor processor = processor(LapProcessorConfig.defaults().withLiveCommitInterval(LIVE_INTERVAL));
        processor.init(context);
        processor.process(input(new TimingInput.OfConfig(TopologyHarness.config()), t0));
        processor.process(passing(1, 0.0, t0));
        context.resetCommit();

        at(t0 + 5);
        processor.process(passing(2, 40.0, t0 + 5));
        assertThat(lapCount()).isEqualTo(1);
        assertThat(context.committed()).as("5 ms after the last request").isFalse();

        punctuateCommitCheck(t0 + 20);
        assertThat(context.committed()).as("requested by the check once 20 ms have passed").isTrue();
    }

    @Test
    void shouldLeaveABacklogToTheCommitInterval() {
        TimingProcessor processor = processor(LapProcessorConfig.defaults().withLiveCommitInterval(LIVE_INTERVAL));
        processor.init(context);
        long produced = t0 - Duration.ofMinutes(10).toMillis();
        processor.process(input(new TimingInput.OfConfig(TopologyHarness.config()), produced));
        processor.process(passing(1, 0.0, produced));
        processor.process(passing(2, 40.0, produced + 1));
        at(t0 + 1_000);
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(t0 + 1_000));

        assertThat(lapCount()).isEqualTo(1);
        assertThat(context.forwarded()).as("states of the backlog went out").isNotEmpty();
        assertThat(context.committed()).as("inputs ten minutes old: no commit requested").isFalse();
    }

    @Test
    void shouldRequestNoCommitWithoutALiveCommitInterval() {
        TimingProcessor processor = processor(LapProcessorConfig.defaults());
        processor.init(context);
        processor.process(input(new TimingInput.OfConfig(TopologyHarness.config()), t0));
        processor.process(passing(1, 0.0, t0));
        processor.process(passing(2, 40.0, t0));

        assertThat(lapCount()).isEqualTo(1);
        assertThat(context.committed()).isFalse();
        assertThat(context.scheduledPunctuators()).as("only the state check").hasSize(1);
    }

    private void at(long millis) {
        context.setCurrentSystemTimeMs(millis);
    }

    private void punctuateCommitCheck(long now) {
        at(now);
        context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(Duration.ofMillis(5)))
                .forEach(p -> p.getPunctuator().punctuate(now));
    }

    private long lapCount() {
        return context.forwarded().stream().filter(f -> f.record().value() instanceof TimingOutput.Lap).count();
    }

    private static Record<String, TimingInput> passing(long sequence, double seconds, long timestamp) {
        return input(new TimingInput.OfPassing(TopologyHarness.passing(sequence, seconds)), timestamp);
    }

    private static Record<String, TimingInput> input(TimingInput input, long timestamp) {
        return new Record<>("v", input, timestamp);
    }

    private static TimingProcessor processor(LapProcessorConfig config) {
        return new TimingProcessor(config, ProcessingMetrics.NONE, TopologyHarness.plainSerdes(), AppliedInputHook.NONE,
                LiveCommits.of(config));
    }
}
