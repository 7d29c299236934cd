package io.pitwall.schemas.serde;

import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every option of {@link PitwallAvroSerializer} and {@link PitwallAvroDeserializer}, declared once
 * with type, default, validation and documentation, under the keys Confluent's Avro serde uses.
 * Includes all registry-client options of {@link SchemaRegistryClientConfig}.
 *
 * <p>Producer and consumer configs are handed to serdes whole, so unknown keys are ignored.
 */
public class PitwallAvroSerdeConfig extends SchemaRegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final String SERIALIZER = "Serializer";
    private static final String DESERIALIZER = "Deserializer";

    private static final ConfigDef CONFIG_DEF = define(SchemaRegistryClientConfig.configDef());

    public PitwallAvroSerdeConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        validateCombinations();
    }

    /** A copy of the definitions, e.g. to render documentation with {@link ConfigDef#toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef define(ConfigDef def) {
        ConfigDef.Validator strategy = ConfigDef.LambdaValidator.with(
                (name, value) -> SubjectNameStrategies.forName((String) value),
                () -> "TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy (short or Confluent class name)"
                        + " or a SubjectNameStrategy class");
        ConfigDef.Validator specificType = ConfigDef.LambdaValidator.with(
                PitwallAvroSerdeConfig::validateSpecificType, () -> "a generated Avro SpecificRecord class");
        int order = 0;
        return def
                .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Serializer: register the value's schema under its subject when it is not registered yet."
                                + " With false, the schema must already be registered (or use.latest.version set).",
                        SERIALIZER, ++order, ConfigDef.Width.SHORT, "Auto-register schemas")
                .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Serializer: write with the subject's latest registered schema instead of the value's own."
                                + " Values are converted by Avro schema resolution, so the latest schema must be able to"
                                + " read the value's schema. Requires auto.register.schemas=false.",
                        SERIALIZER, ++order, ConfigDef.Width.SHORT, "Use latest version")
                .define(LATEST_CACHE_TTL_SEC, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                        "Serializer: seconds the latest version of a subject is cached with use.latest.version;"
                                + " -1 = for the life of the serializer.",
                        SERIALIZER, ++order, ConfigDef.Width.SHORT, "Latest version cache TTL")
                .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getSimpleName(), strategy,
                        Importance.MEDIUM,
                        "How the subject of a record key's schema is named: TopicNameStrategy (<topic>-key),"
                                + " RecordNameStrategy (record full name) or TopicRecordNameStrategy (<topic>-<record>).",
                        SERIALIZER, ++order, ConfigDef.Width.LONG, "Key subject name strategy")
                .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getSimpleName(), strategy,
                        Importance.MEDIUM,
                        "How the subject of a record value's schema is named: TopicNameStrategy (<topic>-value),"
                                + " RecordNameStrategy (record full name) or TopicRecordNameStrategy (<topic>-<record>).",
                        SERIALIZER, ++order, ConfigDef.Width.LONG, "Value subject name strategy")
                .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Deserializer: return generated SpecificRecord classes (resolved against the class's schema)"
                                + " instead of GenericRecord (in the writer's schema).",
                        DESERIALIZER, ++order, ConfigDef.Width.SHORT, "Specific reader")
                .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, specificType, Importance.LOW,
                        "Deserializer: generated class every key is read as (its schema is the reader schema)."
                                + " When unset, the class named by the writer schema is used. Needs specific.avro.reader=true.",
                        DESERIALIZER, ++order, ConfigDef.Width.LONG, "Specific key type")
                .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, specificType, Importance.LOW,
                        "Deserializer: generated class every value is read as (its schema is the reader schema)."
                                + " When unset, the class named by the writer schema is used. Needs specific.avro.reader=true.",
                        DESERIALIZER, ++order, ConfigDef.Width.LONG, "Specific value type");
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    /** How long a subject's latest version stays cached; empty = forever. */
    public Optional<Duration> latestCacheTtl() {
        long seconds = getLong(LATEST_CACHE_TTL_SEC);
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /** The class keys or values are read as, if configured. */
    public Optional<Class<? extends SpecificRecord>> specificType(boolean isKey) {
        Class<?> type = getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
        return Optional.ofNullable(type).map(t -> t.asSubclass(SpecificRecord.class));
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategies.forName(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
    }

    private void validateCombinations() {
        if (useLatestVersion() && autoRegisterSchemas()) {
            // Confluent silently lets auto-registration win; failing here avoids a config that does not do what it says
            throw new ConfigException(USE_LATEST_VERSION + "=true requires " + AUTO_REGISTER_SCHEMAS
                    + "=false: a serializer either registers the value's schema or writes with the latest registered one");
        }
        for (String key : new String[] {SPECIFIC_AVRO_KEY_TYPE, SPECIFIC_AVRO_VALUE_TYPE}) {
            if (getClass(key) != null && !specificAvroReader()) {
                throw new ConfigException(key + " is set but " + SPECIFIC_AVRO_READER
                        + " is false: set " + SPECIFIC_AVRO_READER + "=true to read " + getClass(key).getName());
            }
        }
    }

    private static void validateSpecificType(String name, Object value) {
        if (value != null && !SpecificRecord.class.isAssignableFrom((Class<?>) value)) {
            throw new ConfigException(name, ((Class<?>) value).getName(), "not a generated Avro SpecificRecord class");
        }
    }
}
