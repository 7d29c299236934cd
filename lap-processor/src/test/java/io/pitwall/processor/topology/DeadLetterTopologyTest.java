package io.pitwall.processor.topology;

import static io.pitwall.processor.topology.TopologyHarness.config;
import static io.pitwall.processor.topology.TopologyHarness.passing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.errors.DeadLetterHandler;
import io.pitwall.processor.errors.DeadLetterListener;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import io.pitwall.schemas.registry.RegistryErrorContext;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import io.pitwall.schemas.serde.PitwallSerdes;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Poison records on any input topic go to {@code pitwall.dead-letter} and processing carries on; a record
 * that failed only because the registry was unreachable is not poison and fails the thread instead. Uses the
 * real Confluent-wire-format serde over the in-memory registry ({@code mock://}).
 */
class DeadLetterTopologyTest {

    private static final String SCOPE = "dead-letter-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOT_AVRO = "{\"venue\":\"v\",\"transponder\":\"tx7\"}".getBytes(StandardCharsets.UTF_8);

    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private TopologyHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void shouldDeadLetterBytesThatAreNotAvroAndCarryOn() throws Exception {
        harness = harness(registrySerdes());
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        raw(Topics.PASSINGS.name()).pipeInput("v", NOT_AVRO);
        harness.passings.pipeInput("v", passing(2, 92));

        assertThat(harness.laps.readValuesToList()).extracting(LapEvent::getLapNumber).containsExactly(1);
        List<TestRecord<String, String>> dead = deadLetters().readRecordsToList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.key()).as("keyed by the original key").isEqualTo("v");
            JsonNode json = JSON.readTree(record.value());
            assertThat(json.get("topic").asText()).isEqualTo("timing.passings");
            assertThat(json.get("partition").asInt()).isZero();
            assertThat(json.get("offset").asLong()).as("the second record on timing.passings").isEqualTo(1);
            assertThat(json.get("reason").asText()).containsIgnoringCase("magic byte");
            assertThat(json.get("exception").asText()).endsWith("UnknownMagicByteException");
            assertThat(json.get("application").asText()).isEqualTo("lap-processor-test");
            assertThat(Base64.getDecoder().decode(json.get("valueBase64").asText())).isEqualTo(NOT_AVRO);
            assertThat(new String(Base64.getDecoder().decode(json.get("keyBase64").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("v");
        });
        assertThat(deadLettered).containsExactly("timing.passings");
    }

    @Test
    void shouldDeadLetterUnknownSchemaIdsAndGarbageOnEveryInputTopic() throws Exception {
        harness = harness(registrySerdes());
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        raw(Topics.SESSIONS.name()).pipeInput("v", unknownId);
        raw(Topics.SESSION_CONTROL.name()).pipeInput("v", unknownId);
        raw(Topics.PASSINGS.name()).pipeInput("v", unknownId);
        raw(Topics.SESSION_CONTROL.name()).pipeInput("v", new byte[] {0, 1});
        harness.sessions.pipeInput("v", config());
        harness.passings.pipeInput("v", passing(1, 0));
        harness.passings.pipeInput("v", passing(2, 92));

        List<JsonNode> dead = new ArrayList<>();
        for (String value : deadLetters().readValuesToList()) {
            dead.add(JSON.readTree(value));
        }
        assertThat(dead).extracting(json -> json.get("topic").asText()).containsExactly("timing.sessions",
                "timing.session-control", "timing.passings", "timing.session-control");
        assertThat(dead.get(0).get("reason").asText()).contains("987654");
        assertThat(dead.get(0).get("exception").asText()).endsWith("SchemaNotFoundException");
        assertThat(harness.laps.readValuesToList()).as("the venue is timed after all that")
                .extracting(LapEvent::getLapNumber).containsExactly(1);
    }

    @Test
    void shouldFailRatherThanDeadLetterWhenTheRegistryIsUnreachable() {
        Deserializer<Passing> unreachable = (topic, bytes) -> {
            throw new RegistryUnavailableException("No schema registry URL answered",
                    RegistryErrorContext.noResponse("http://registry:8081", null), new ConnectException("refused"));
        };
        EventSerdes registry = registrySerdes();
        Serde<Passing> passings = Serdes.serdeFrom(registry.passings().serializer(), unreachable);
        harness = harness(new EventSerdes(passings, registry.sessions(), registry.controls(), registry.laps()));

        assertThatThrownBy(() -> harness.passings.pipeInput("v", passing(1, 0)))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(deadLetters().isEmpty()).as("a record that is fine is never dead-lettered").isTrue();
        assertThat(deadLettered).isEmpty();
    }

    private TopologyHarness harness(EventSerdes serdes) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        properties.put(DeadLetterHandler.LISTENER_CONFIG, (DeadLetterListener) deadLettered::add);
        return new TopologyHarness(LapProcessorConfig.defaults(), serdes, properties);
    }

    private static EventSerdes registrySerdes() {
        Map<String, Object> registry = Map.of("schema.registry.url", "mock://" + SCOPE);
        return new EventSerdes(PitwallSerdes.forValue(Passing.class, registry),
                PitwallSerdes.forValue(SessionConfig.class, registry),
                PitwallSerdes.forValue(SessionControl.class, registry), PitwallSerdes.forValue(LapEvent.class, registry));
    }

    private TestInputTopic<String, byte[]> raw(String topic) {
        return harness.driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private TestOutputTopic<String, String> deadLetters() {
        return harness.driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }
}
