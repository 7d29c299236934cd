package io.pitwall.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.CachingSchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.schemas.testing.KafkaIo;
import io.pitwall.schemas.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every event type through a real broker and a real registry, as services and Confluent clients see it. */
@ExtendWith(KafkaClusterExtension.class)
class AvroRoundTripIT {

    @Test
    void everyEventTypeRoundTripsWithAutoRegistrationAsSpecificAndGeneric(KafkaCluster cluster) throws IOException {
        Map<String, Object> config = Map.of("schema.registry.url", cluster.schemaRegistryUrl());
        SchemaRegistryClient registry = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();

        for (SpecificRecord event : SampleEvents.all()) {
            String topic = KafkaIo.uniqueTopic("it.roundtrip." + event.getSchema().getName());
            cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
            try (KafkaProducer<String, Object> producer = KafkaIo.producer(cluster.bootstrapServers(), PitwallAvroSerializer.class, config)) {
                KafkaIo.send(producer, topic, "spa", event);
            }

            List<ConsumerRecord<String, Object>> specific = KafkaIo.readAll(cluster.bootstrapServers(), topic,
                    PitwallAvroDeserializer.class, Map.of("schema.registry.url", cluster.schemaRegistryUrl(),
                            "specific.avro.reader", "true"), 1);
            List<ConsumerRecord<String, GenericRecord>> generic = KafkaIo.readAll(cluster.bootstrapServers(), topic,
                    PitwallAvroDeserializer.class, config, 1);

            assertThat(specific.get(0).key()).isEqualTo("spa");
            assertThat(specific.get(0).value()).as(topic).isEqualTo(event);
            GenericRecord asGeneric = generic.get(0).value();
            assertThat(asGeneric).isNotInstanceOf(SpecificRecord.class);
            assertThat(asGeneric.getSchema().getFullName()).isEqualTo(event.getSchema().getFullName());
            assertThat(genericBinary(asGeneric)).as("generic record holds the same data").isEqualTo(specificBinary(event));
            assertThat(registry.getAllSubjects()).contains(topic + "-value");
        }
    }

    @Test
    void wireBytesOnTheTopicAreMagicByteRegisteredIdAndAvroBinary(KafkaCluster cluster) throws IOException {
        String topic = KafkaIo.uniqueTopic("it.wire.passings");
        cluster.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        Map<String, Object> config = Map.of("schema.registry.url", cluster.schemaRegistryUrl());
        try (KafkaProducer<String, Passing> producer = KafkaIo.producer(cluster.bootstrapServers(), PitwallAvroSerializer.class, config)) {
            KafkaIo.send(producer, topic, "spa", SampleEvents.passing());
        }

        byte[] raw = KafkaIo.<byte[]>readAll(cluster.bootstrapServers(), topic, ByteArrayDeserializer.class, Map.of(), 1)
                .get(0).value();

        SchemaRegistryClient registry = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
        int id = registry.getId(topic + "-value", Passing.getClassSchema());
        assertThat(raw[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).as("big-endian schema id").isEqualTo(id);
        assertThat(Arrays.copyOfRange(raw, 5, raw.length)).as("Avro binary").isEqualTo(specificBinary(SampleEvents.passing()));
        // what the registry stores under the id is the Passing schema (registries may reformat the text)
        Schema stored = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build().getSchemaById(id);
        assertThat(SchemaNormalization.parsingFingerprint64(stored))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(Passing.getClassSchema()));
    }

    static byte[] specificBinary(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        SpecificDatumWriter<SpecificRecord> writer = new SpecificDatumWriter<>((Class<SpecificRecord>) record.getClass());
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static byte[] genericBinary(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
