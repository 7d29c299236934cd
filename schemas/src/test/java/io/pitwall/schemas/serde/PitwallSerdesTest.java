package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import io.pitwall.schemas.testing.SampleEvents;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PitwallSerdesTest {

    private static final String SCOPE = "pitwall-serdes-test";
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void specificValueSerdeRoundTrips() {
        try (Serde<Passing> serde = PitwallSerdes.forValue(Passing.class, CONFIG)) {
            byte[] bytes = serde.serializer().serialize("timing.passings", SampleEvents.passing());
            assertThat(serde.deserializer().deserialize("timing.passings", bytes)).isEqualTo(SampleEvents.passing());
        }
    }

    @Test
    void mockScopeIsSharedBetweenSeparatelyConfiguredSerdes() {
        try (Serde<LapEvent> writer = PitwallSerdes.forValue(LapEvent.class, CONFIG);
                Serde<GenericRecord> reader = PitwallSerdes.genericForValue(CONFIG)) {
            byte[] bytes = writer.serializer().serialize("timing.laps", SampleEvents.lapEvent());
            GenericRecord read = reader.deserializer().deserialize("timing.laps", bytes);
            assertThat(read.get("carNumber").toString()).isEqualTo("7");
            assertThat(InMemorySchemaRegistryClient.forScope(SCOPE).getAllSubjects()).containsExactly("timing.laps-value");
        }
    }

    @Test
    void keySerdeUsesTheKeySubject() {
        try (Serde<Passing> serde = PitwallSerdes.forKey(Passing.class, CONFIG)) {
            byte[] bytes = serde.serializer().serialize("t", SampleEvents.passing());
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(SampleEvents.passing());
            assertThat(InMemorySchemaRegistryClient.forScope(SCOPE).getAllSubjects()).containsExactly("t-key");
        }
    }

    @Test
    void droppedScopeStartsEmpty() {
        InMemorySchemaRegistryClient.forScope(SCOPE).register("x", Passing.getClassSchema());
        InMemorySchemaRegistryClient.dropScope(SCOPE);
        assertThat(InMemorySchemaRegistryClient.forScope(SCOPE).getAllSubjects()).isEmpty();
    }

    @Test
    void reflectivelyCreatedSerdeWorksFromConfigAlone() {
        PitwallAvroSerde<Object> serde = new PitwallAvroSerde<>();
        serde.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", "true"), false);
        byte[] bytes = serde.serializer().serialize("timing.passings", SampleEvents.passing());
        assertThat(serde.deserializer().deserialize("timing.passings", bytes)).isEqualTo(SampleEvents.passing());
        serde.close();
    }
}
