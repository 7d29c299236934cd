package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.ControlAction;
import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A restarted timing processor rebuilds its sessions from the input store and carries on exactly where the
 * old one stopped: nothing published twice, nothing lost (DESIGN.md point 7, crash/restart).
 */
class TimingProcessorRestartTest {

    @Test
    void shouldContinueAfterARestartAsIfNothingHappened() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(77));
        List<TimingInput> inputs = new ArrayList<>();
        inputs.add(new TimingInput.OfConfig(timeline.sessionConfig()));
        for (SessionControl control : timeline.controls()) {
            inputs.add(new TimingInput.OfControl(control));
        }
        List<Passing> passings = new ArrayList<>(timeline.passings());
        Collections.shuffle(passings, new Random(77));
        passings.forEach(p -> inputs.add(new TimingInput.OfPassing(p)));
        int crash = inputs.size() / 2;

        KeyValueStore<Bytes, byte[]> store = store();
        MockProcessorContext<String, TimingOutput> before = context(store);
        TimingProcessor first = processor();
        first.init(before);
        inputs.subList(0, crash).forEach(input -> first.process(new Record<>("v", input, 0L)));

        MockProcessorContext<String, TimingOutput> after = context(store);
        TimingProcessor restarted = processor();
        restarted.init(after);
        assertThat(after.forwarded()).as("a restart publishes nothing by itself").isEmpty();

        KeyValueStore<Bytes, byte[]> referenceStore = store();
        MockProcessorContext<String, TimingOutput> uninterrupted = context(referenceStore);
        TimingProcessor reference = processor();
        reference.init(uninterrupted);
        inputs.subList(0, crash).forEach(input -> reference.process(new Record<>("v", input, 0L)));
        uninterrupted.resetForwards();

        for (TimingInput input : inputs.subList(crash, inputs.size())) {
            restarted.process(new Record<>("v", input, 0L));
            reference.process(new Record<>("v", input, 0L));
        }

        assertThat(lapEvents(after)).isNotEmpty().isEqualTo(lapEvents(uninterrupted));
    }

    @Test
    void shouldForgetWhatAnAbortedTransactionLeftInMemoryWhenTheTaskIsRevived() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(79));
        List<Passing> passings = timeline.passings();
        TimingProcessor processor = processor();
        MockProcessorContext<String, TimingOutput> aborted = context(store());
        processor.init(aborted);
        processor.process(new Record<>("v", new TimingInput.OfConfig(timeline.sessionConfig()), 0L));
        passings.subList(0, passings.size() / 2)
                .forEach(p -> processor.process(new Record<>("v", new TimingInput.OfPassing(p), 0L)));
        assertThat(lapEvents(aborted)).as("laps timed before the transaction aborted").isNotEmpty();

        // revived: the same instance is initialised again on its stores as of the last commit (nothing yet)
        MockProcessorContext<String, TimingOutput> revived = context(store());
        processor.init(revived);
        passings.subList(passings.size() / 2, passings.size())
                .forEach(p -> processor.process(new Record<>("v", new TimingInput.OfPassing(p), 0L)));
        revived.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(revived.currentSystemTimeMs() + 5_000));

        assertThat(revived.forwarded()).as("no session is configured as of the last commit: passings wait for one")
                .isEmpty();
    }

    @Test
    void shouldKeepTheTiming71MessageLogAcrossARestart() throws Exception {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(78));
        List<Passing> passings = timeline.passings();
        KeyValueStore<Bytes, byte[]> store = store();
        MockProcessorContext<String, TimingOutput> before = context(store);
        TimingProcessor first = processor();
        first.init(before);
        first.process(new Record<>("v", new TimingInput.OfConfig(timeline.sessionConfig()), 0L));
        int half = passings.size() / 2;
        for (Passing passing : passings.subList(0, half)) {
            // far enough apart that every passing is published on its own
            before.setCurrentSystemTimeMs(before.currentSystemTimeMs() + 200);
            first.process(new Record<>("v", new TimingInput.OfPassing(passing), 0L));
        }
        JsonNode lastBefore = lastState(before);
        assertThat(lastBefore.get("messages")).as("pit and best-lap messages by half-distance").isNotEmpty();

        MockProcessorContext<String, TimingOutput> after = context(store);
        after.setCurrentSystemTimeMs(before.currentSystemTimeMs() + 200);
        TimingProcessor restarted = processor();
        restarted.init(after);
        restarted.process(new Record<>("v", new TimingInput.OfPassing(passings.get(half)), 0L));

        List<JsonNode> logBefore = new ArrayList<>();
        lastBefore.get("messages").forEach(logBefore::add);
        List<JsonNode> logAfter = new ArrayList<>();
        lastState(after).get("messages").forEach(logAfter::add);
        assertThat(logAfter).as("the log carries on: new messages first, then the ones from before the restart")
                .containsSubsequence(logBefore.subList(0, Math.min(logBefore.size(), 90)));
    }

    @Test
    void shouldRemoveAReplacedSessionWhoseRetentionEndsAfterARestart() {
        long now = 1_779_022_800_000L;
        Instant t0 = Instant.ofEpochMilli(now);
        SessionConfig s1 = SessionConfig.newBuilder(TopologyHarness.config()).setUpdatedAt(t0.minusSeconds(600)).build();
        KeyValueStore<Bytes, byte[]> store = store();
        MockProcessorContext<String, TimingOutput> before = context(store);
        TimingProcessor first = processor();
        first.init(before);
        first.process(new Record<>("v", new TimingInput.OfConfig(s1), now));
        first.process(new Record<>("v", new TimingInput.OfControl(SessionControl.newBuilder()
                .setVenueId("v").setSessionId("s1").setAction(ControlAction.STOP).setAt(t0).build()), now));
        first.process(new Record<>("v", new TimingInput.OfConfig(SessionConfig.newBuilder(s1).setSessionId("s2")
                .setUpdatedAt(t0.plusSeconds(60)).build()), now));
        assertThat(tombstones(before)).as("stopped a minute ago: kept for the 30 min retention").isEmpty();

        MockProcessorContext<String, TimingOutput> after = context(store);
        TimingProcessor restarted = processor();
        restarted.init(after);
        after.setCurrentSystemTimeMs(now + Duration.ofMinutes(30).toMillis() - 1);
        after.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(after.currentSystemTimeMs()));
        assertThat(tombstones(after)).isEmpty();
        after.setCurrentSystemTimeMs(now + Duration.ofMinutes(30).toMillis());
        after.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(after.currentSystemTimeMs()));

        assertThat(tombstones(after)).as("the removal outlived the restart")
                .containsExactly(ServiceIds.serviceUuid("v", "s1"), ServiceIds.serviceUuid("v", "s1"));
    }

    private static List<String> tombstones(MockProcessorContext<String, TimingOutput> context) {
        List<String> keys = new ArrayList<>();
        context.forwarded().forEach(f -> {
            TimingOutput out = f.record().value();
            if ((out instanceof TimingOutput.State st && st.json() == null)
                    || (out instanceof TimingOutput.Manifest m && m.json() == null)) {
                keys.add(f.record().key());
            }
        });
        return keys;
    }

    private static JsonNode lastState(MockProcessorContext<String, TimingOutput> context) throws Exception {
        JsonNode last = null;
        for (var forwarded : context.forwarded()) {
            if (forwarded.record().value() instanceof TimingOutput.State state) {
                last = Timing71Json.MAPPER.readTree(state.json());
            }
        }
        assertThat(last).as("a state was published").isNotNull();
        return last;
    }

    private static List<LapEvent> lapEvents(MockProcessorContext<String, TimingOutput> context) {
        List<LapEvent> events = new ArrayList<>();
        context.forwarded().forEach(f -> {
            if (f.record().value() instanceof TimingOutput.Lap lap) {
                events.add(lap.event());
            }
        });
        return events;
    }

    private static KeyValueStore<Bytes, byte[]> store() {
        return TopologyHarness.inputStore();
    }

    private static MockProcessorContext<String, TimingOutput> context(KeyValueStore<Bytes, byte[]> store) {
        return TopologyHarness.mockContext(store);
    }

    private static TimingProcessor processor() {
        LapProcessorConfig config = LapProcessorConfig.defaults();
        return new TimingProcessor(config, ProcessingMetrics.NONE, TopologyHarness.plainSerdes(), AppliedInputHook.NONE,
                LiveCommits.of(config));
    }
}
