package io.pitwall.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.EmbeddedSchemaRegistry;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.CachingSchemaRegistryClient;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.schemas.testing.KafkaIo;
import io.pitwall.schemas.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema ids are part of every record on disk: after the broker and the registry restart on their
 * data directories, the same schemas must have the same ids and old records must still be
 * readable. Also: what a producer sees when the registry goes away.
 */
class SchemaIdStabilityIT {

    private static final String PASSINGS = "it.stable.passings";
    private static final String STATUS = "it.stable.status";

    @Test
    void idsSurviveARestartOfBrokerAndRegistryAndAnOutageIsReportedClearly(
            @TempDir Path kafkaDir, @TempDir Path registryDir) {
        int passingId;
        int statusId;

        // first life: register by producing
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(kafkaDir).port(0).build();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(registryDir).port(0).build()) {
            kafka.start();
            registry.start();
            kafka.createTopics(List.of(new NewTopic(PASSINGS, 1, (short) 1), new NewTopic(STATUS, 1, (short) 1)));
            Map<String, Object> config = Map.of("schema.registry.url", registry.url());
            try (KafkaProducer<String, Object> producer = KafkaIo.producer(kafka.bootstrapServers(), PitwallAvroSerializer.class, config)) {
                KafkaIo.send(producer, PASSINGS, "spa", SampleEvents.passing());
                KafkaIo.send(producer, STATUS, "spa", SampleEvents.decoderStatus());
            }
            passingId = idOf(firstRaw(kafka.bootstrapServers(), PASSINGS, 1));
            statusId = idOf(firstRaw(kafka.bootstrapServers(), STATUS, 1));
            assertThat(passingId).isNotEqualTo(statusId);
            kafka.stop();
            registry.stop();
        }

        // second life on the same data directories (ports may differ)
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(kafkaDir).port(0).build();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(registryDir).port(0).build()) {
            kafka.start();
            registry.start();
            SchemaRegistryClient client = CachingSchemaRegistryClient.builder(registry.url()).build();
            assertThat(client.getId(PASSINGS + "-value", Passing.getClassSchema())).isEqualTo(passingId);
            assertThat(client.register(STATUS + "-value", DecoderStatus.getClassSchema())).isEqualTo(statusId);

            Map<String, Object> config = Map.of("schema.registry.url", registry.url(), "max.retries", 0);
            KafkaProducer<String, Object> warm = KafkaIo.producer(kafka.bootstrapServers(), PitwallAvroSerializer.class, config);
            try (warm) {
                KafkaIo.send(warm, PASSINGS, "spa", SampleEvents.passing());
                assertThat(idOf(firstRaw(kafka.bootstrapServers(), PASSINGS, 2).get(1).value())).isEqualTo(passingId);

                List<ConsumerRecord<String, Object>> read = KafkaIo.readAll(kafka.bootstrapServers(), PASSINGS,
                        PitwallAvroDeserializer.class, Map.of("schema.registry.url", registry.url(),
                                "specific.avro.reader", true), 2);
                assertThat(read).extracting(ConsumerRecord::value).containsOnly(SampleEvents.passing());

                // the registry goes away
                String registryUrl = registry.url();
                registry.stop();

                // a producer that already knows its schema keeps going: nothing to ask the registry
                KafkaIo.send(warm, PASSINGS, "spa", SampleEvents.passing());

                // a subject it has not used yet cannot be written, and the error says where and why
                RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                        () -> warm.send(new ProducerRecord<>(STATUS, "spa", SampleEvents.decoderStatus())));
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.getMessage())
                        .contains("no schema registry answered at " + registryUrl)
                        .contains("topic '" + STATUS + "'")
                        .contains("subject '" + STATUS + "-value'")
                        .contains("connection refused");
            }
            kafka.stop();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> firstRaw(String bootstrap, String topic, int count) {
        return KafkaIo.readAll(bootstrap, topic, ByteArrayDeserializer.class, Map.of(), count);
    }

    private static int idOf(List<ConsumerRecord<String, byte[]>> records) {
        return idOf(records.get(0).value());
    }

    private static int idOf(byte[] raw) {
        assertThat(raw[0]).isZero();
        return ByteBuffer.wrap(raw, 1, 4).getInt();
    }
}
