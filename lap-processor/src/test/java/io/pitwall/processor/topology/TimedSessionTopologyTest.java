package io.pitwall.processor.topology;

import static io.pitwall.processor.topology.TopologyHarness.T0;
import static io.pitwall.processor.topology.TopologyHarness.config;
import static io.pitwall.processor.topology.TopologyHarness.control;
import static io.pitwall.processor.topology.TopologyHarness.passing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.ControlAction;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.processor.timing71.Timing71Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions ended by time, as a viewer sees them over the wall clock: green until the time is up, then the
 * chequered flag (with its message) from the clock tick that reaches it; and a replaced session's Timing71
 * service removed from the directory once its retention is over.
 */
class TimedSessionTopologyTest {

    private static final String S1 = ServiceIds.serviceUuid("v", "s1");
    private static final String S2 = ServiceIds.serviceUuid("v", "s2");

    private TopologyHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @ParameterizedTest
    @EnumSource(value = SessionType.class, names = {"PRACTICE", "QUALIFYING", "RACE"})
    void shouldShowATimedSessionGreenUntilItsTimeIsUpThenChequered(SessionType type) throws Exception {
        harness = new TopologyHarness(LapProcessorConfig.defaults());
        harness.sessions.pipeInput("v", timed(type, "s1", 60, 0));
        harness.states.readValuesToList(); // the session before its start: flag "none"
        harness.controls.pipeInput("v", control(ControlAction.START, 0));
        advance(Duration.ofMillis(1100));
        harness.passings.pipeInput("v", passing(1, 1), T0.plusMillis(1000));
        advance(Duration.ofSeconds(50));

        List<JsonNode> running = states();
        assertThat(running).extracting(TimedSessionTopologyTest::flag).as("the first 51 s of 60").containsOnly("green");
        assertThat(running).allSatisfy(state -> assertThat(messageTexts(state)).doesNotContain("Chequered flag"));
        assertThat(carState(running.get(running.size() - 1))).isEqualTo("RUN");

        advance(Duration.ofSeconds(12));

        List<JsonNode> later = states();
        JsonNode firstChequered = later.stream().filter(s -> flag(s).equals("chequered")).findFirst().orElseThrow();
        assertThat(firstChequered.get("session").get("timeElapsed").asDouble()).isBetween(60.0, 61.0);
        assertThat(firstChequered.get("session").get("timeRemain").asDouble()).isZero();
        assertThat(messageTexts(firstChequered)).contains("Chequered flag");
        for (JsonNode state : later) {
            boolean timeUp = state.get("session").get("timeElapsed").asDouble() >= 60.0;
            assertThat(flag(state)).isEqualTo(timeUp ? "chequered" : "green");
        }
    }

    @Test
    void shouldKeepTheClockTickingInAQuietPracticeUntilTheTimeIsUpAndStopAfterwards() {
        harness = new TopologyHarness(LapProcessorConfig.defaults().withCarStoppedAfter(Duration.ofSeconds(10)));
        harness.sessions.pipeInput("v", timed(SessionType.PRACTICE, "s1", 60, 0));
        harness.controls.pipeInput("v", control(ControlAction.START, 0));
        harness.states.readValuesToList();

        advance(Duration.ofSeconds(59));
        assertThat(harness.states.readValuesToList()).as("a tick a second, although nobody crossed the line")
                .hasSizeBetween(58, 59);

        advance(Duration.ofSeconds(40));
        assertThat(harness.states.readValuesToList())
                .as("after the chequered flag at 60 s: car.stopped-after (10 s) plus two ticks, then silence")
                .hasSizeBetween(12, 14);
    }

    @Test
    void shouldRemoveAReplacedSessionFromTheDirectoryAfterTheRetention() {
        harness = new TopologyHarness(LapProcessorConfig.defaults().withFinishedSessionRetention(Duration.ofMinutes(5)));
        harness.sessions.pipeInput("v", timed(SessionType.PRACTICE, "s1", 60, 0));
        harness.controls.pipeInput("v", control(ControlAction.START, 0));
        harness.passings.pipeInput("v", passing(1, 0.5));
        advance(Duration.ofSeconds(70));
        harness.sessions.pipeInput("v", timed(SessionType.QUALIFYING, "s2", 600, 70));
        advance(Duration.ofSeconds(60 + 299 - 70));

        assertThat(tombstones(harness.states.readRecordsToList())).as("4 min 59 s after the flag").isEmpty();
        assertThat(tombstones(harness.manifests.readRecordsToList())).isEmpty();

        advance(Duration.ofSeconds(2));

        assertThat(tombstones(harness.states.readRecordsToList())).as("5 min after the chequered flag at 60 s")
                .containsExactly(S1);
        assertThat(tombstones(harness.manifests.readRecordsToList())).containsExactly(S1);
        advance(Duration.ofMinutes(10));
        assertThat(tombstones(harness.states.readRecordsToList())).as("removed once, the new session stays").isEmpty();
    }

    @Test
    void shouldRemoveASessionReplacedBeforeItEndedAtOnce() {
        harness = new TopologyHarness(LapProcessorConfig.defaults());
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        advance(Duration.ofSeconds(5));
        harness.states.readRecordsToList();
        harness.manifests.readRecordsToList();

        harness.sessions.pipeInput("v", timed(SessionType.RACE, "s2", 600, 5));

        List<TestRecord<String, String>> states = harness.states.readRecordsToList();
        assertThat(tombstones(states)).containsExactly(S1);
        assertThat(states).extracting(TestRecord::key).as("the new session is published").contains(S2);
        assertThat(tombstones(harness.manifests.readRecordsToList())).containsExactly(S1);
    }

    @Test
    void shouldPublishTheLastChangesOfASessionBeforeItIsReplaced() throws Exception {
        harness = new TopologyHarness(LapProcessorConfig.defaults());
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        // within the coalescing interval of the first one: held back until it ends
        harness.passings.pipeInput("v", passing(2, 40));
        harness.states.readRecordsToList();

        harness.sessions.pipeInput("v", timed(SessionType.RACE, "s2", 600, 5));

        List<TestRecord<String, String>> states = harness.states.readRecordsToList();
        TestRecord<String, String> lastOfS1 = states.stream().filter(r -> r.key().equals(S1) && r.value() != null)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Timing71Json.MAPPER.readTree(lastOfS1.value()).get("cars").get(0).get(7).asInt())
                .as("laps of #7 on the old session's last screen").isEqualTo(1);
    }

    /** A session of venue v with a TIME rule, opened {@code openedAt} seconds after T0. */
    private static SessionConfig timed(SessionType type, String sessionId, long seconds, long openedAt) {
        return SessionConfig.newBuilder(config()).setSessionId(sessionId).setType(type)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.TIME).setValue(seconds).setLeaderFinishes(false)
                        .build())
                .setUpdatedAt(T0.plusSeconds(openedAt)).build();
    }

    private void advance(Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms += 100) {
            harness.driver.advanceWallClockTime(Duration.ofMillis(100));
        }
    }

    private List<JsonNode> states() throws Exception {
        List<JsonNode> states = new ArrayList<>();
        for (String json : harness.states.readValuesToList()) {
            states.add(Timing71Json.MAPPER.readTree(json));
        }
        return states;
    }

    private static List<String> tombstones(List<TestRecord<String, String>> records) {
        return records.stream().filter(r -> r.value() == null).map(TestRecord::key).toList();
    }

    private static String flag(JsonNode state) {
        return state.get("session").get("flagState").asText();
    }

    private static String carState(JsonNode state) {
        return state.get("cars").get(0).get(1).asText();
    }

    private static List<String> messageTexts(JsonNode state) {
        List<String> texts = new ArrayList<>();
        state.get("messages").forEach(message -> texts.add(message.get(2).asText()));
        return texts;
    }
}
