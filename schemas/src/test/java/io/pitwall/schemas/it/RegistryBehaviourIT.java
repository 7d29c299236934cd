package io.pitwall.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.CachingSchemaRegistryClient;
import io.pitwall.schemas.registry.CompatibilityLevel;
import io.pitwall.schemas.registry.IncompatibleSchemaException;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.schemas.serde.UnknownMagicByteException;
import io.pitwall.schemas.testing.KafkaIo;
import io.pitwall.schemas.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registry-facing behaviour of the serde against the real registry and broker. */
@ExtendWith(KafkaClusterExtension.class)
class RegistryBehaviourIT {

    /** Passing with one more field, with a default: a BACKWARD-compatible evolution. */
    static Schema passingWithTrackTemperature() {
        Schema current = Passing.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("trackTemperature", Schema.create(Schema.Type.DOUBLE), "newer field", 20.0));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** Passing with a new field without default: data written with Passing cannot be read. */
    static Schema passingWithRequiredWeather() {
        Schema current = Passing.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("weather", Schema.create(Schema.Type.STRING), "no default"));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static SchemaRegistryClient client(KafkaCluster cluster) {
        return CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
    }

    @Test
    void registeringAnIncompatibleSchemaIsHttp409(KafkaCluster cluster) {
        String topic = KafkaIo.uniqueTopic("it.incompatible");
        String subject = topic + "-value";
        cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        SchemaRegistryClient registry = client(cluster);
        registry.register(subject, Passing.getClassSchema());
        registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        IncompatibleSchemaException direct = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> registry.register(subject, passingWithRequiredWeather()));
        assertThat(direct.httpStatus()).isEqualTo(409);
        assertThat(direct.getMessage()).contains("subject '" + subject + "'").contains(cluster.schemaRegistryUrl());

        GenericRecord incompatible = new GenericData.Record(passingWithRequiredWeather());
        copyInto(incompatible);
        incompatible.put("weather", "rain");
        try (KafkaProducer<String, Object> producer = KafkaIo.producer(cluster.bootstrapServers(), PitwallAvroSerializer.class,
                Map.of("schema.registry.url", cluster.schemaRegistryUrl()))) {
            IncompatibleSchemaException viaProducer = catchThrowableOfType(IncompatibleSchemaException.class,
                    () -> producer.send(new ProducerRecord<>(topic, "spa", incompatible)));
            assertThat(viaProducer.getMessage()).contains("topic '" + topic + "'").contains("subject '" + subject + "'")
                    .contains("HTTP 409");
        }
    }

    @Test
    void aRecordWithAnUnknownSchemaIdOrMagicByteFailsNamingTheTopic(KafkaCluster cluster) {
        String topic = KafkaIo.uniqueTopic("it.poison");
        cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(Integer.MAX_VALUE - 7).put((byte) 2).array();
        byte[] json = "{\"venueId\":\"spa\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = KafkaIo.producer(cluster.bootstrapServers(), ByteArraySerializer.class, Map.of())) {
            KafkaIo.send(producer, topic, "spa", unknownId);
            KafkaIo.send(producer, topic, "spa", json);
        }

        Map<String, Object> props = new HashMap<>(Map.of("schema.registry.url", cluster.schemaRegistryUrl(),
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PitwallAvroDeserializer.class.getName()));
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));

            RecordDeserializationException first = pollUntilFailure(consumer);
            assertThat(first.getCause()).isInstanceOf(SchemaNotFoundException.class);
            assertThat(first.getCause().getMessage()).contains("schema id " + (Integer.MAX_VALUE - 7))
                    .contains("topic '" + topic + "'").contains(cluster.schemaRegistryUrl());

            consumer.seek(partition, first.offset() + 1);
            RecordDeserializationException second = pollUntilFailure(consumer);
            assertThat(second.getCause()).isInstanceOf(UnknownMagicByteException.class)
                    .hasMessageContaining("topic '" + topic + "'").hasMessageContaining("0x7b");
        }
    }

    @Test
    void useLatestVersionWritesWithTheLatestRegisteredSchema(KafkaCluster cluster) {
        String topic = KafkaIo.uniqueTopic("it.latest");
        String subject = topic + "-value";
        cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        SchemaRegistryClient registry = client(cluster);
        registry.register(subject, Passing.getClassSchema());
        int latestId = registry.register(subject, passingWithTrackTemperature());

        try (KafkaProducer<String, Passing> producer = KafkaIo.producer(cluster.bootstrapServers(), PitwallAvroSerializer.class,
                Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "use.latest.version", true,
                        "auto.register.schemas", false))) {
            KafkaIo.send(producer, topic, "spa", SampleEvents.passing());
        }

        byte[] raw = KafkaIo.<byte[]>readAll(cluster.bootstrapServers(), topic,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class, Map.of(), 1).get(0).value();
        assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).isEqualTo(latestId);
        GenericRecord generic = KafkaIo.<GenericRecord>readAll(cluster.bootstrapServers(), topic, PitwallAvroDeserializer.class,
                Map.of("schema.registry.url", cluster.schemaRegistryUrl()), 1).get(0).value();
        assertThat(generic.get("trackTemperature")).isEqualTo(20.0);
        Object specific = KafkaIo.readAll(cluster.bootstrapServers(), topic, PitwallAvroDeserializer.class,
                Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "specific.avro.reader", true,
                        "specific.avro.value.type", Passing.class.getName()), 1).get(0).value();
        assertThat(specific).isEqualTo(SampleEvents.passing());
        assertThat(registry.getLatestSchemaMetadata(subject).version()).as("nothing new registered").isEqualTo(2);
    }

    @Test
    void recordNameStrategyPutsSeveralTypesOnOneTopic(KafkaCluster cluster) {
        String topic = KafkaIo.uniqueTopic("it.mixed");
        cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        Map<String, Object> config = Map.of("schema.registry.url", cluster.schemaRegistryUrl(),
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        try (KafkaProducer<String, Object> producer = KafkaIo.producer(cluster.bootstrapServers(), PitwallAvroSerializer.class, config)) {
            KafkaIo.send(producer, topic, "spa", SampleEvents.passing());
            KafkaIo.send(producer, topic, "spa", SampleEvents.decoderStatus());
        }

        List<Object> values = KafkaIo.readAll(cluster.bootstrapServers(), topic, PitwallAvroDeserializer.class,
                Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "specific.avro.reader", true), 2)
                .stream().map(r -> (Object) r.value()).toList();

        assertThat(values).containsExactly(SampleEvents.passing(), SampleEvents.decoderStatus());
        SchemaRegistryClient registry = client(cluster);
        assertThat(registry.getAllSubjects()).contains("io.pitwall.events.Passing", "io.pitwall.events.DecoderStatus")
                .doesNotContain(topic + "-value");
        registry.getId("io.pitwall.events.DecoderStatus", DecoderStatus.getClassSchema());
    }

    private static RecordDeserializationException pollUntilFailure(KafkaConsumer<String, Object> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(200));
            } catch (RecordDeserializationException e) {
                return e;
            }
        }
        throw new AssertionError("no deserialization failure within 30 s");
    }

    private static void copyInto(GenericRecord target) {
        Passing passing = SampleEvents.passing();
        target.put("venueId", passing.getVenueId());
        target.put("source", new GenericData.EnumSymbol(target.getSchema().getField("source").schema(), passing.getSource().name()));
        target.put("streamId", passing.getStreamId());
        target.put("streamEpoch", passing.getStreamEpoch());
        target.put("sequence", passing.getSequence());
        target.put("transponder", passing.getTransponder());
        target.put("name", passing.getName());
        target.put("passingTime", 1L);
        target.put("line", new GenericData.EnumSymbol(target.getSchema().getField("line").schema(), passing.getLine().name()));
        target.put("lineIndex", passing.getLineIndex());
        target.put("receivedAt", 1L);
        target.put("attributes", passing.getAttributes());
    }
}
