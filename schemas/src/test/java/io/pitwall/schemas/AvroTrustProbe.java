package io.pitwall.schemas;

import io.pitwall.events.Passing;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.schemas.serde.PitwallSerdes;
import io.pitwall.schemas.testing.SampleEvents;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * Runs in a fresh JVM started by {@link AvroTrustTest} without
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}, to show what Avro and {@link AvroTrust} do
 * there. Prints one line starting with {@code RESULT:}.
 */
public final class AvroTrustProbe {

    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://probe");

    private AvroTrustProbe() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("RESULT: " + run(args[0]));
        } catch (RuntimeException e) {
            System.out.println("RESULT: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String run(String mode) {
        switch (mode) {
            case "writer-only" -> {
                // serializing never resolves classes by name: works without trust
                byte[] bytes = serializer().serialize("t", SampleEvents.passing());
                return "wrote " + bytes.length + " bytes";
            }
            case "configured-type" -> {
                try (Serde<Passing> serde = PitwallSerdes.forValue(Passing.class, CONFIG)) {
                    return "configured";
                }
            }
            case "writer-named-class" -> {
                byte[] bytes = serializer().serialize("t", SampleEvents.passing());
                PitwallAvroDeserializer<Object> deserializer = new PitwallAvroDeserializer<>();
                deserializer.configure(Map.of("schema.registry.url", "mock://probe", "specific.avro.reader", true), false);
                return "read " + deserializer.deserialize("t", bytes);
            }
            case "trust-first" -> {
                AvroTrust.trustPitwallPackages();
                try (Serde<Passing> serde = PitwallSerdes.forValue(Passing.class, CONFIG)) {
                    byte[] bytes = serde.serializer().serialize("t", SampleEvents.passing());
                    return "round trip " + serde.deserializer().deserialize("t", bytes).equals(SampleEvents.passing());
                }
            }
            case "trust-late" -> {
                AvroTrust.requirePitwallPackagesTrusted();
                return "unexpectedly trusted";
            }
            case "trust-after-avro-looked" -> {
                try {
                    AvroTrust.requirePitwallPackagesTrusted();
                } catch (IllegalStateException expected) {
                    // Avro has now read the (absent) property
                }
                AvroTrust.trustPitwallPackages();
                return "unexpectedly trusted";
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static PitwallAvroSerializer<Passing> serializer() {
        PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>();
        serializer.configure(CONFIG, false);
        return serializer;
    }
}
