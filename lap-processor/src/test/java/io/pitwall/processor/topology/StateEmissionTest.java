package io.pitwall.processor.topology;

import static io.pitwall.processor.topology.TopologyHarness.T0;
import static io.pitwall.processor.topology.TopologyHarness.config;
import static io.pitwall.processor.topology.TopologyHarness.control;
import static io.pitwall.processor.topology.TopologyHarness.passing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.ControlAction;
import io.pitwall.processor.timing71.Timing71Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "State is emitted on change, coalesced to at most a configurable rate per service (default 10/s), plus a
 * 1 s clock tick while a session runs."
 */
class StateEmissionTest {

    private TopologyHarness harness = new TopologyHarness(LapProcessorConfig.defaults());

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void shouldPublishAChangeAtOnceWithoutWaitingForAClock() throws Exception {
        harness.sessions.pipeInput("v", config());
        assertThat(harness.states.readValuesToList()).as("the new session's first screen").hasSize(1);

        harness.driver.advanceWallClockTime(Duration.ofMillis(150));
        harness.passings.pipeInput("v", passing(1, 0), T0.plusMillis(140));

        List<TestRecord<String, String>> states = harness.states.readRecordsToList();
        assertThat(states).hasSize(1);
        assertThat(states.get(0).timestamp()).as("stamped with the input it shows").isEqualTo(T0.plusMillis(140).toEpochMilli());
        assertThat(carState(states.get(0))).as("car #7 crossed the line").isEqualTo("RUN");
    }

    @Test
    void shouldCoalesceABurstToTheConfiguredRateAndShowEverythingInTheEnd() throws Exception {
        harness.sessions.pipeInput("v", config());
        harness.states.readValuesToList();
        // 100 passings 10 ms apart (a replay, or a burst of late passings): 1 s of wall clock
        for (int i = 1; i <= 100; i++) {
            harness.passings.pipeInput("v", passing(i, (i - 1) * 31.0));
            harness.driver.advanceWallClockTime(Duration.ofMillis(10));
        }
        harness.driver.advanceWallClockTime(Duration.ofMillis(100));

        List<TestRecord<String, String>> states = harness.states.readRecordsToList();
        assertThat(states.size()).as("about 10 states per second, not one per passing").isBetween(9, 12);
        List<Long> published = new ArrayList<>();
        for (TestRecord<String, String> state : states) {
            published.add(Timing71Json.MAPPER.readTree(state.value()).get("lastUpdated").asLong());
        }
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i) - published.get(i - 1)).as("gap between states").isGreaterThanOrEqualTo(100);
        }
        assertThat(laps(states.get(states.size() - 1))).as("the last state shows every passing").isEqualTo(99);
    }

    @Test
    void shouldTickOncePerSecondWhileTheSessionRuns() throws Exception {
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.driver.advanceWallClockTime(Duration.ofMillis(200));
        harness.states.readValuesToList();

        advance(Duration.ofSeconds(5));

        List<String> ticks = harness.states.readValuesToList();
        assertThat(ticks).hasSize(5);
        List<Double> elapsed = new ArrayList<>();
        for (String tick : ticks) {
            elapsed.add(Timing71Json.MAPPER.readTree(tick).get("session").get("timeElapsed").asDouble());
        }
        assertThat(elapsed).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldNotTickBeforeTheSessionStartsNorAfterRaceControlStopsIt() {
        harness.sessions.pipeInput("v", config());
        harness.states.readValuesToList();
        advance(Duration.ofSeconds(3));
        assertThat(harness.states.readValuesToList()).as("not started: nothing moves").isEmpty();

        harness.controls.pipeInput("v", control(ControlAction.START, 3));
        advance(Duration.ofMillis(3500));
        assertThat(harness.states.readValuesToList()).as("the START, then three ticks").hasSize(4);

        harness.controls.pipeInput("v", control(ControlAction.STOP, 6.5));
        advance(Duration.ofSeconds(3));
        assertThat(harness.states.readValuesToList()).as("the STOP, then silence").hasSize(1);
    }

    @Test
    void shouldStopTickingWhenTheSessionIsAbandoned() {
        harness.close();
        harness = new TopologyHarness(LapProcessorConfig.defaults()
                .withStatePacing(10, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.driver.advanceWallClockTime(Duration.ofMillis(200));
        harness.states.readValuesToList();

        advance(Duration.ofSeconds(10));

        assertThat(harness.states.readValuesToList()).as("ticks for the 5 s before it counts as abandoned").hasSize(4);
    }

    @Test
    void shouldNotPublishForADuplicate() {
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.driver.advanceWallClockTime(Duration.ofMillis(200));
        harness.states.readValuesToList();

        harness.passings.pipeInput("v", passing(1, 0));
        harness.driver.advanceWallClockTime(Duration.ofMillis(200));

        assertThat(harness.states.readValuesToList()).isEmpty();
    }

    private void advance(Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms += 100) {
            harness.driver.advanceWallClockTime(Duration.ofMillis(100));
        }
    }

    private static int laps(TestRecord<String, String> state) throws Exception {
        return Timing71Json.MAPPER.readTree(state.value()).get("cars").get(0).get(7).asInt();
    }

    private static String carState(TestRecord<String, String> state) throws Exception {
        JsonNode car = Timing71Json.MAPPER.readTree(state.value()).get("cars").get(0);
        return car.get(1).asText();
    }
}
