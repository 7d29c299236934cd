package io.pitwall.schemas.serde;

import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ready-configured serdes for services: one call instead of a config map with
 * {@code specific.avro.reader} and the class name.
 *
 * <pre>{@code
 * Map<String, Object> registry = Map.of("schema.registry.url", url);
 * Serde<Passing> passings = PitwallSerdes.forValue(Passing.class, registry);
 * builder.stream(Topics.PASSINGS.name(), Consumed.with(Serdes.String(), passings));
 * }</pre>
 *
 * The serdes of one call share a registry client; pass a client explicitly to share it (and its
 * caches) across serdes.
 */
public final class PitwallSerdes {

    private PitwallSerdes() {
    }

    /** Serde for record values read as the generated class {@code type}. */
    public static <T extends SpecificRecord> PitwallAvroSerde<T> forValue(Class<T> type, Map<String, ?> config) {
        return specific(type, config, false, null);
    }

    /** Same, sharing the given registry client. */
    public static <T extends SpecificRecord> PitwallAvroSerde<T> forValue(
            Class<T> type, Map<String, ?> config, SchemaRegistryClient client) {
        return specific(type, config, false, client);
    }

    /** Serde for record keys read as the generated class {@code type}. */
    public static <T extends SpecificRecord> PitwallAvroSerde<T> forKey(Class<T> type, Map<String, ?> config) {
        return specific(type, config, true, null);
    }

    /** Serde for values read as {@link GenericRecord} in the writer's schema. */
    public static PitwallAvroSerde<GenericRecord> genericForValue(Map<String, ?> config) {
        Map<String, Object> merged = new HashMap<>(config);
        merged.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        PitwallAvroSerde<GenericRecord> serde = new PitwallAvroSerde<>(clientFor(merged, null));
        serde.configure(merged, false);
        return serde;
    }

    private static <T extends SpecificRecord> PitwallAvroSerde<T> specific(
            Class<T> type, Map<String, ?> config, boolean isKey, SchemaRegistryClient client) {
        Map<String, Object> merged = new HashMap<>(config);
        merged.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        merged.put(isKey ? PitwallAvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : PitwallAvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type);
        PitwallAvroSerde<T> serde = new PitwallAvroSerde<>(clientFor(merged, client));
        serde.configure(merged, isKey);
        return serde;
    }

    private static SchemaRegistryClient clientFor(Map<String, Object> config, SchemaRegistryClient given) {
        return given != null ? given : SchemaRegistryClients.create(new SchemaRegistryClientConfig(config));
    }
}
