package io.pitwall.processor.topology;

import static io.pitwall.processor.topology.TopologyHarness.T0;
import static io.pitwall.processor.topology.TopologyHarness.config;
import static io.pitwall.processor.topology.TopologyHarness.passing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An input the timing engine fails on must not stop the service: it goes to {@code pitwall.dead-letter} with the
 * reason, is counted, and its venue carries on from the state it had before that input. The failing engine is
 * simulated through the processor's test seam, which throws after the engine has applied the input (the
 * session has already changed, so the rollback is really exercised).
 */
class EngineFailureTopologyTest {

    private final List<String> failures = new ArrayList<>();
    private final ProcessingMetrics counting = new ProcessingMetrics() {
        @Override
        public void engineFailed(String sourceTopic) {
            failures.add(sourceTopic);
        }
    };
    private TopologyHarness harness;
    private TestOutputTopic<String, byte[]> deadLetters;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void shouldDeadLetterAPassingTheEngineFailsOnAndTimeTheVenueAsIfItHadNeverArrived() throws Exception {
        start(input -> {
            if (input instanceof TimingInput.OfPassing p && p.passing().getSequence() == 3
                    && p.passing().getVenueId().equals("v")) {
                throw new IllegalStateException("engine bug on sequence 3");
            }
        });
        harness.sessions.pipeInput("v", config());
        harness.sessions.pipeInput("w", SessionConfig.newBuilder(config()).setVenueId("w").build());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.passings.pipeInput("v", passing(2, 40));
        harness.passings.pipeInput("v", passing(3, 80));
        harness.passings.pipeInput("w", atVenue("w", passing(1, 0)));
        harness.passings.pipeInput("v", passing(4, 120));
        harness.passings.pipeInput("w", atVenue("w", passing(2, 45)));

        List<LapEvent> laps = harness.laps.readValuesToList();
        assertThat(laps).filteredOn(lap -> lap.getVenueId().equals("v"))
                .extracting(LapEvent::getLapNumber, LapEvent::getLapTimeMicros)
                .as("lap 2 of #7 runs from 40 s to 120 s: the failed passing at 80 s is not part of it")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 40_000_000L),
                        org.assertj.core.groups.Tuple.tuple(2, 80_000_000L));
        assertThat(laps).filteredOn(lap -> lap.getVenueId().equals("w")).as("the other venue is timed")
                .extracting(LapEvent::getLapTimeMicros).containsExactly(45_000_000L);

        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).isEqualTo("v");
        JsonNode letter = Timing71Json.MAPPER.readTree(letters.get(0).value());
        assertThat(letter.get("reason").asText()).isEqualTo("engine bug on sequence 3");
        assertThat(letter.get("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.get("topic").asText()).isEqualTo(Topics.PASSINGS.name());
        assertThat(letter.get("partition").asInt()).isZero();
        assertThat(letter.get("offset").asLong()).as("the third record of timing.passings").isEqualTo(2);
        assertThat(letter.get("stack").get(0).asText()).contains("engine bug on sequence 3");
        assertThat(letter.get("stack").get(1).asText()).startsWith("at ");
        Passing original = TopologyHarness.plainSerdes().passings().deserializer()
                .deserialize(Topics.PASSINGS.name(), Base64.getDecoder().decode(letter.get("valueBase64").asText()));
        assertThat(original).isEqualTo(passing(3, 80));
        assertThat(failures).containsExactly(Topics.PASSINGS.name());

        assertThat(storedSequences("v")).as("the failed input is not stored: a restart will not replay it")
                .containsExactly(1L, 2L, 4L);
        harness.driver.advanceWallClockTime(Duration.ofMillis(200));
        JsonNode lastState = lastStateOf(ServiceIds.serviceUuid("v", "s1"));
        assertThat(lastState.get("cars").get(0).get(7).asInt()).as("laps on the screen").isEqualTo(2);
    }

    @Test
    void shouldKeepTheRunningSessionWhenTheEngineFailsOnANewConfiguration() throws Exception {
        start(input -> {
            if (input instanceof TimingInput.OfConfig c && c.config().getSessionId().equals("broken")) {
                throw new IllegalArgumentException("cannot time this configuration");
            }
        });
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.passings.pipeInput("v", passing(2, 40));

        harness.sessions.pipeInput("v", SessionConfig.newBuilder(config()).setSessionId("broken")
                .setUpdatedAt(T0.plusSeconds(60)).build());
        harness.passings.pipeInput("v", passing(3, 80));

        assertThat(harness.laps.readValuesToList()).extracting(LapEvent::getSessionId, LapEvent::getLapNumber)
                .as("session s1 goes on, with all its passings")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", 1), org.assertj.core.groups.Tuple.tuple("s1", 2));
        JsonNode letter = Timing71Json.MAPPER.readTree(deadLetters.readValuesToList().get(0));
        assertThat(letter.get("topic").asText()).isEqualTo(Topics.SESSIONS.name());
        assertThat(letter.get("reason").asText()).isEqualTo("cannot time this configuration");
        assertThat(harness.states.readRecordsToList()).extracting(TestRecord::key)
                .as("no state of the broken session, no tombstone of s1").containsOnly(ServiceIds.serviceUuid("v", "s1"));
        assertThat(failures).containsExactly(Topics.SESSIONS.name());
    }

    private void start(AppliedInputHook hook) {
        harness = new TopologyHarness(LapProcessorConfig.defaults(), counting, hook);
        deadLetters = harness.driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private static Passing atVenue(String venue, Passing passing) {
        return Passing.newBuilder(passing).setVenueId(venue).build();
    }

    private List<Long> storedSequences(String venue) {
        KeyValueStore<Bytes, byte[]> store = harness.driver.getKeyValueStore(TimingInputStore.NAME);
        return new TimingInputStore(store).venue(venue).passings().stream().map(Passing::getSequence).toList();
    }

    private JsonNode lastStateOf(String uuid) throws Exception {
        JsonNode last = null;
        for (TestRecord<String, String> state : harness.states.readRecordsToList()) {
            if (state.key().equals(uuid)) {
                last = Timing71Json.MAPPER.readTree(state.value());
            }
        }
        return last;
    }
}
