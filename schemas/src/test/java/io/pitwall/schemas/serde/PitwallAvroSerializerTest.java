package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.embedded.Ports;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.IncompatibleSchemaException;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.registry.SubjectNotFoundException;
import io.pitwall.schemas.testing.SampleEvents;
import io.pitwall.schemas.testing.StubRegistryServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PitwallAvroSerializerTest {

    private static final String TOPIC = "timing.passings";
    private static final String SUBJECT = "timing.passings-value";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    private <T> PitwallAvroSerializer<T> serializer(Map<String, Object> extra, boolean isKey) {
        Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", "http://registry.invalid:8081"));
        config.putAll(extra);
        return new PitwallAvroSerializer<>(registry, config, isKey);
    }

    /** Passing as registered later: one more field, with a default. */
    static Schema passingPlusField() {
        return PitwallAvroDeserializerTest.passingWithWeather();
    }

    @Test
    void autoRegistersUnderTopicValueSubject() {
        byte[] bytes = this.<Passing>serializer(Map.of(), false).serialize(TOPIC, SampleEvents.passing());

        assertThat(registry.getAllSubjects()).containsExactly(SUBJECT);
        assertThat(WireFormat.schemaId(TOPIC, bytes)).isEqualTo(registry.getId(SUBJECT, Passing.getClassSchema()));
    }

    @Test
    void keysGoUnderTopicKeySubject() {
        this.<Passing>serializer(Map.of(), true).serialize(TOPIC, SampleEvents.passing());
        assertThat(registry.getAllSubjects()).containsExactly("timing.passings-key");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
        PitwallAvroSerializer<Passing> serializer = serializer(Map.of("auto.register.schemas", false), false);

        SubjectNotFoundException missing = catchThrowableOfType(SubjectNotFoundException.class,
                () -> serializer.serialize(TOPIC, SampleEvents.passing()));
        assertThat(missing.getMessage()).contains("topic 'timing.passings'").contains("subject '" + SUBJECT + "'");

        registry.register(SUBJECT, DecoderStatus.getClassSchema());
        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleEvents.passing()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("topic 'timing.passings'");

        registry.setCompatibility(SUBJECT, io.pitwall.schemas.registry.CompatibilityLevel.NONE);
        int id = registry.register(SUBJECT, Passing.getClassSchema());
        assertThat(WireFormat.schemaId(TOPIC, serializer.serialize(TOPIC, SampleEvents.passing()))).isEqualTo(id);
        assertThat(registry.getAllSubjects()).containsExactly(SUBJECT);
    }

    @Test
    void useLatestVersionWritesTheSameSchemaAsIs() {
        int latest = registry.register(SUBJECT, Passing.getClassSchema());
        PitwallAvroSerializer<Passing> plain = serializer(Map.of(), false);
        PitwallAvroSerializer<Passing> useLatest = serializer(Map.of("use.latest.version", true, "auto.register.schemas", false), false);

        byte[] expected = plain.serialize(TOPIC, SampleEvents.passing());
        byte[] actual = useLatest.serialize(TOPIC, SampleEvents.passing());

        assertThat(WireFormat.schemaId(TOPIC, actual)).isEqualTo(latest);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void useLatestVersionConvertsToANewerLatestSchemaSoBytesMatchTheId() throws IOException {
        registry.register(SUBJECT, Passing.getClassSchema());
        int latestId = registry.register(SUBJECT, passingPlusField());
        PitwallAvroSerializer<Passing> serializer = serializer(Map.of("use.latest.version", true, "auto.register.schemas", false), false);

        byte[] bytes = serializer.serialize(TOPIC, SampleEvents.passing());

        assertThat(WireFormat.schemaId(TOPIC, bytes)).isEqualTo(latestId);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(passingPlusField()).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("trackTemperature")).as("default of the new field").isEqualTo(20.0);
        assertThat(decoded.get("venueId").toString()).isEqualTo("spa");
        assertThat(decoded.get("sequence")).isEqualTo(4711L);
        assertThat(registry.getAllSubjects()).containsExactly(SUBJECT);
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheValue() {
        registry.setCompatibility(SUBJECT, io.pitwall.schemas.registry.CompatibilityLevel.NONE);
        registry.register(SUBJECT, SchemaBuilder.record("Passing").namespace("io.pitwall.events").fields()
                .requiredString("venueId").requiredString("weather").endRecord());
        PitwallAvroSerializer<Passing> serializer = serializer(Map.of("use.latest.version", true, "auto.register.schemas", false), false);

        IncompatibleSchemaException e = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> serializer.serialize(TOPIC, SampleEvents.passing()));
        assertThat(e.getMessage()).contains("use.latest.version").contains("weather").contains("topic 'timing.passings'");
    }

    @Test
    void useLatestVersionAsksTheRegistryOnce() {
        try (StubRegistryServer stub = StubRegistryServer.start()) {
            stub.registry().register(SUBJECT, Passing.getClassSchema());
            PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", stub.url(), "use.latest.version", true,
                    "auto.register.schemas", false), false);

            serializer.serialize(TOPIC, SampleEvents.passing());
            serializer.serialize(TOPIC, SampleEvents.passing());

            assertThat(stub.requests()).extracting(StubRegistryServer.RecordedRequest::rawPath)
                    .containsExactly(StubRegistryServer.BASE_PATH + "/subjects/" + SUBJECT + "/versions/latest");
        }
    }

    @Test
    void useLatestVersionWithAutoRegisterIsAConfigError() {
        assertThatThrownBy(() -> serializer(Map.of("use.latest.version", true), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void recordNameStrategyAcceptsConfluentClassName() {
        try (StubRegistryServer stub = StubRegistryServer.start()) {
            PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", stub.url(),
                    "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false);

            serializer.serialize(TOPIC, SampleEvents.passing());
            serializer.serialize(TOPIC, SampleEvents.decoderStatus());

            assertThat(stub.requests()).extracting(StubRegistryServer.RecordedRequest::rawPath).containsExactly(
                    StubRegistryServer.BASE_PATH + "/subjects/io.pitwall.events.Passing/versions",
                    StubRegistryServer.BASE_PATH + "/subjects/io.pitwall.events.DecoderStatus/versions");
        }
    }

    @Test
    void topicNameStrategyIsTheDefaultOverHttpToo() {
        try (StubRegistryServer stub = StubRegistryServer.start()) {
            PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", stub.url()), false);
            serializer.serialize(TOPIC, SampleEvents.passing());
            assertThat(stub.requests().get(0).rawPath())
                    .isEqualTo(StubRegistryServer.BASE_PATH + "/subjects/timing.passings-value/versions");
        }
    }

    @Test
    void unreachableRegistryNamesUrlTopicAndSubject() {
        String url = "http://127.0.0.1:" + Ports.findFree() + "/apis/ccompat/v7";
        PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", url, "max.retries", 0), false);

        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> serializer.serialize(TOPIC, SampleEvents.passing()));

        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.subject()).isEqualTo(SUBJECT);
        assertThat(e.getMessage()).contains(url).contains("topic 'timing.passings'").contains("subject '" + SUBJECT + "'")
                .contains("connection refused");
    }

    @Test
    void genericRecordsAreSerializedLikeSpecificOnes() {
        Passing passing = SampleEvents.passing();
        GenericRecord generic = toGeneric(passing);
        assertThat(generic).isExactlyInstanceOf(GenericData.Record.class);
        PitwallAvroSerializer<Object> serializer = serializer(Map.of(), false);

        assertThat(serializer.serialize(TOPIC, generic)).isEqualTo(serializer.serialize(TOPIC, passing));
    }

    @Test
    void nullInARequiredFieldNamesTopicSubjectAndField() {
        Passing broken = SampleEvents.passing();
        broken.setVenueId(null);

        assertThatThrownBy(() -> this.<Passing>serializer(Map.of(), false).serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.pitwall.events.Passing")
                .hasMessageContaining("topic 'timing.passings'")
                .hasMessageContaining("subject '" + SUBJECT + "'")
                .hasMessageContaining("venueId");
    }

    @Test
    void unsupportedTypesAreRefusedClearly() {
        assertThatThrownBy(() -> serializer(Map.of(), false).serialize(TOPIC, java.time.Duration.ZERO))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("generated SpecificRecords");
    }

    @Test
    void byteBuffersAndArraysProduceTheSameBytes() {
        PitwallAvroSerializer<Object> serializer = serializer(Map.of(), false);
        assertThat(serializer.serialize(TOPIC, new byte[] {1, 2, 3}))
                .isEqualTo(serializer.serialize(TOPIC, ByteBuffer.wrap(new byte[] {1, 2, 3})))
                .endsWith(6, 1, 2, 3);
    }

    @Test
    void cannotBeUsedBeforeConfigure() {
        assertThatThrownBy(() -> new PitwallAvroSerializer<Passing>(registry).serialize(TOPIC, SampleEvents.passing()))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Passing as a GenericRecord, built through its binary form so logical types become plain longs. */
    private static GenericRecord toGeneric(Passing passing) {
        byte[] bytes = new PitwallAvroSerializer<Passing>(new InMemorySchemaRegistryClient(),
                Map.of("schema.registry.url", "mock://generic"), false).serialize("t", passing);
        try {
            return new GenericDatumReader<GenericRecord>(Passing.getClassSchema()).read(null,
                    DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
