package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PitwallAvroDeserializerTest {

    private static final String TOPIC = "timing.passings";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    private <T> PitwallAvroDeserializer<T> deserializer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", "http://registry.invalid:8081"));
        config.putAll(extra);
        return new PitwallAvroDeserializer<>(registry, config, false);
    }

    private PitwallAvroDeserializer<Passing> specificPassing() {
        return deserializer(Map.of("specific.avro.reader", true, "specific.avro.value.type", Passing.class));
    }

    /** An older Passing: no streamEpoch, name, lineIndex or attributes yet (all have defaults now). */
    static Schema passingV0() {
        return SchemaBuilder.record("Passing").namespace("io.pitwall.events").fields()
                .requiredString("venueId")
                .name("source").type().enumeration("Source").namespace("io.pitwall.events")
                        .symbols("LAPSNAPPER", "CTP01", "CHRONOCLOUD", "SMARTRACE", "MANUAL").noDefault()
                .requiredString("streamId")
                .requiredLong("sequence")
                .requiredString("transponder")
                .requiredLong("passingTime")
                .name("line").type().enumeration("LineKind").namespace("io.pitwall.events")
                        .symbols("FINISH", "SECTOR", "PIT_IN", "PIT_OUT", "START", "SPLIT", "UNKNOWN").noDefault()
                .requiredLong("receivedAt")
                .endRecord();
    }

    /** A newer Passing: one more field, which today's reader does not know. */
    static Schema passingWithWeather() {
        Schema current = Passing.getClassSchema();
        var fields = new java.util.ArrayList<Schema.Field>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("trackTemperature", Schema.create(Schema.Type.DOUBLE), "newer field", 20.0));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void readsDataWrittenWithAnOlderSchemaFillingDefaults() throws IOException {
        Schema old = passingV0();
        int id = registry.register("old-subject", old);
        GenericRecord written = new GenericData.Record(old);
        written.put("venueId", "spa");
        written.put("source", new GenericData.EnumSymbol(old.getField("source").schema(), "LAPSNAPPER"));
        written.put("streamId", "decoder-1");
        written.put("sequence", 99L);
        written.put("transponder", "T1");
        written.put("passingTime", 1_000_000L);
        written.put("line", new GenericData.EnumSymbol(old.getField("line").schema(), "FINISH"));
        written.put("receivedAt", 2_000L);

        Passing read = specificPassing().deserialize(TOPIC, framed(id, old, written));

        assertThat(read.getVenueId()).isEqualTo("spa");
        assertThat(read.getSource()).isEqualTo(Source.LAPSNAPPER);
        assertThat(read.getSequence()).isEqualTo(99L);
        assertThat(read.getPassingTime()).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(read.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(read.getStreamEpoch()).as("default").isZero();
        assertThat(read.getName()).as("default").isNull();
        assertThat(read.getAttributes()).as("default").isEmpty();
    }

    @Test
    void readsDataWrittenWithANewerSchemaIgnoringUnknownFields() throws IOException {
        Schema newer = passingWithWeather();
        int id = registry.register("new-subject", newer);
        Passing sample = SampleEvents.passing();
        GenericRecord written = new GenericData.Record(newer);
        for (Schema.Field f : Passing.getClassSchema().getFields()) {
            written.put(f.name(), toGeneric(sample, f));
        }
        written.put("trackTemperature", 31.5);

        assertThat(specificPassing().deserialize(TOPIC, framed(id, newer, written))).isEqualTo(sample);
    }

    @Test
    void specificReaderWithoutConfiguredTypeUsesTheClassNamedByTheWriterSchema() {
        int id = registry.register("timing.passings-value", Passing.getClassSchema());
        byte[] bytes = new PitwallAvroSerializer<Passing>(registry, Map.of("schema.registry.url", "mock://x"), false)
                .serialize(TOPIC, SampleEvents.passing());

        Object read = deserializer(Map.of("specific.avro.reader", true)).deserialize(TOPIC, bytes);

        assertThat(id).isEqualTo(1);
        assertThat(read).isEqualTo(SampleEvents.passing());
    }

    @Test
    void unknownMagicByteNamesTheTopicAndShowsTheBytes() {
        byte[] json = "{\"venueId\":\"spa\"}".getBytes();

        UnknownMagicByteException e = catchThrowableOfType(UnknownMagicByteException.class,
                () -> specificPassing().deserialize(TOPIC, json));

        assertThat(e).isInstanceOf(SerializationException.class);
        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.magicByte()).isEqualTo((byte) '{');
        assertThat(e.getMessage())
                .contains("topic 'timing.passings'")
                .contains("unknown magic byte 0x7b")
                .contains("7b 22 76 65 6e 75 65 49 ...")
                .contains("looks like JSON");
    }

    @Test
    void valuesShorterThanTheHeaderAreRejected() {
        assertThatThrownBy(() -> specificPassing().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(InvalidWireFormatException.class)
                .isNotInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("3 bytes from topic 'timing.passings'")
                .hasMessageContaining("at least 5 bytes");
    }

    @Test
    void unknownSchemaIdNamesTopicIdAndRegistry() {
        byte[] bytes = {0, 0, 0, 0, 42, 2};

        SchemaNotFoundException e = catchThrowableOfType(SchemaNotFoundException.class,
                () -> specificPassing().deserialize(TOPIC, bytes));

        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.getMessage()).contains("schema id 42").contains("topic 'timing.passings'").contains("registry mock://");
    }

    @Test
    void writerSchemaThatCannotBeReadAsTheConfiguredClassNamesTheField() throws IOException {
        Schema other = SchemaBuilder.record("Passing").namespace("io.pitwall.events").fields()
                .requiredString("venueId").requiredInt("sequence").endRecord();
        int id = registry.register("other", other);
        GenericRecord written = new GenericData.Record(other);
        written.put("venueId", "spa");
        written.put("sequence", 1);

        assertThatThrownBy(() -> specificPassing().deserialize(TOPIC, framed(id, other, written)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("topic 'timing.passings'")
                .hasMessageContaining("as io.pitwall.events.Passing")
                .hasMessageContaining("field 'source' has no default");
    }

    @Test
    void trailingBytesMeanThePayloadDoesNotMatchItsSchema() {
        int id = registry.register("s", Schema.create(Schema.Type.LONG));
        byte[] bytes = {0, 0, 0, 0, (byte) id, 2, 7, 7};

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("2 bytes left");
    }

    @Test
    void truncatedPayloadIsASerializationExceptionNamingIdAndTopic() {
        int id = registry.register("timing.passings-value", Passing.getClassSchema());
        byte[] bytes = {0, 0, 0, 0, (byte) id, 6, 's'};

        assertThatThrownBy(() -> specificPassing().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id + " from topic 'timing.passings'");
    }

    @Test
    void primitivesComeBackAsConfluentReturnsThem() {
        // one subject, several primitive types: only possible without compatibility checks
        registry.setGlobalCompatibility(io.pitwall.schemas.registry.CompatibilityLevel.NONE);
        PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>(registry, Map.of("schema.registry.url", "mock://x"), false);
        PitwallAvroDeserializer<Object> deserializer = deserializer(Map.of());

        assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, "venue-7"))).isEqualTo("venue-7");
        assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, 42L))).isEqualTo(42L);
        assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, 7))).isEqualTo(7);
        assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, true))).isEqualTo(true);
        assertThat((byte[]) deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, new byte[] {1, 2}))).containsExactly(1, 2);
    }

    @Test
    void everyEventTypeRoundTripsSpecificAndGeneric() {
        PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>(registry, Map.of("schema.registry.url", "mock://x"), false);
        PitwallAvroDeserializer<Object> specific = deserializer(Map.of("specific.avro.reader", true));
        PitwallAvroDeserializer<GenericRecord> generic = deserializer(Map.of());

        for (var event : SampleEvents.all()) {
            String topic = "t-" + event.getSchema().getName();
            byte[] bytes = serializer.serialize(topic, event);
            assertThat(specific.deserialize(topic, bytes)).isEqualTo(event);
            GenericRecord asGeneric = generic.deserialize(topic, bytes);
            assertThat(asGeneric.getSchema()).isEqualTo(event.getSchema());
            assertThat(asGeneric.get("venueId").toString()).isEqualTo("spa");
        }
    }

    @Test
    void cannotBeUsedBeforeConfigure() {
        assertThatThrownBy(() -> new PitwallAvroDeserializer<>(registry).deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Object toGeneric(Passing passing, Schema.Field field) {
        // through Avro's own conversions so logical types become their long representation
        Object value = passing.get(field.pos());
        if (value instanceof Instant instant) {
            return field.name().equals("passingTime")
                    ? instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000
                    : instant.toEpochMilli();
        }
        if (value instanceof Enum<?> e) {
            return new GenericData.EnumSymbol(field.schema(), e.name());
        }
        return value;
    }
}
