package io.pitwall.schemas.serde;

import io.pitwall.schemas.compat.BackwardCompatibility;
import io.pitwall.schemas.internal.BoundedCache;
import io.pitwall.schemas.registry.IncompatibleSchemaException;
import io.pitwall.schemas.registry.RegisteredSchema;
import io.pitwall.schemas.registry.RegistryErrorContext;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for Avro values in the Confluent wire format, with the schema registered in
 * (or looked up from) a Confluent-compatible schema registry. Takes generated
 * {@link SpecificRecord}s, {@code GenericRecord}s and Avro primitives. {@code null} stays
 * {@code null} (tombstones).
 *
 * <p>Configured with Confluent's keys (see {@link PitwallAvroSerdeConfig}); a producer configured
 * for Confluent's {@code KafkaAvroSerializer} works after swapping the class name. Thread-safe,
 * as Kafka producers require: after the first value of a schema no registry call is made.
 *
 * @param <T> type of the values
 */
public class PitwallAvroSerializer<T> implements Serializer<T> {

    private final SchemaRegistryClient injectedClient;
    private SchemaRegistryClient client;
    private SubjectNameStrategy subjectNameStrategy;
    private boolean isKey;
    private boolean autoRegister;
    private boolean useLatestVersion;
    private LatestVersions latestVersions;
    private BoundedCache<WriterKey, DatumWriter<Object>> writers;
    private BoundedCache<ConversionKey, SchemaConversion> conversions;
    private volatile boolean configured;

    /** For Kafka's reflective instantiation: the client is created from the configuration. */
    public PitwallAvroSerializer() {
        this.injectedClient = null;
    }

    /** With a given client (shared between serdes, or an in-memory one in tests). */
    public PitwallAvroSerializer(SchemaRegistryClient client) {
        this.injectedClient = client;
    }

    /** With a given client, configured at once. */
    public PitwallAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        PitwallAvroSerdeConfig config = new PitwallAvroSerdeConfig(configs);
        this.isKey = isKey;
        this.client = injectedClient != null ? injectedClient : SchemaRegistryClients.create(config);
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        this.latestVersions = new LatestVersions(client, config.latestCacheTtl(), Clock.systemUTC(), config.cacheCapacity());
        this.writers = new BoundedCache<>(config.cacheCapacity());
        this.conversions = new BoundedCache<>(config.cacheCapacity());
        this.configured = true;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!configured) {
            throw new IllegalStateException("PitwallAvroSerializer used before configure()");
        }
        Schema schema = AvroValues.schemaOf(data, topic);
        String subject = subjectNameStrategy.subjectName(topic, isKey, schema);
        Object datum = AvroValues.toDatum(data);
        try {
            if (useLatestVersion) {
                return serializeWithLatest(topic, subject, schema, datum);
            }
            int id = autoRegister ? client.register(subject, schema) : client.getId(subject, schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            WireFormat.writeHeader(out, id);
            write(datum, schema, out);
            return out.toByteArray();
        } catch (SchemaRegistryException e) {
            throw e.forTopic(topic);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException alreadyExplained) {
                throw alreadyExplained;
            }
            throw new SerializationException("Could not serialize a " + schema.getFullName() + " for "
                    + InvalidWireFormatException.where(topic) + " (subject '" + subject + "'): " + e.getMessage(), e);
        }
    }

    /**
     * Writes with the subject's latest schema. When it equals the value's schema (same parsing
     * canonical form, hence identical binary) the value is written as is; otherwise the value's
     * binary is converted by schema resolution so the bytes match the id they are labelled with.
     */
    private byte[] serializeWithLatest(String topic, String subject, Schema schema, Object datum) throws IOException {
        RegisteredSchema latest = latestVersions.get(subject);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, latest.id());
        if (SchemaNormalization.parsingFingerprint64(latest.schema()) == SchemaNormalization.parsingFingerprint64(schema)) {
            write(datum, schema, out);
            return out.toByteArray();
        }
        SchemaConversion conversion = conversions.getOrCompute(new ConversionKey(schema, latest.id()),
                key -> conversionTo(latest, schema));
        ByteArrayOutputStream own = new ByteArrayOutputStream(256);
        write(datum, schema, own);
        conversion.convert(own.toByteArray(), out);
        return out.toByteArray();
    }

    private SchemaConversion conversionTo(RegisteredSchema latest, Schema schema) {
        var problems = BackwardCompatibility.problems(latest.schema(), schema);
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException("Could not serialize " + schema.getFullName()
                    + " with the latest version " + latest.version() + " (id " + latest.id() + ") of the subject"
                    + " (use.latest.version=true): that schema cannot represent these values: "
                    + String.join("; ", problems),
                    RegistryErrorContext.noResponse(client.describeEndpoint(), latest.subject()));
        }
        return new SchemaConversion(schema, latest.schema());
    }

    private void write(Object datum, Schema schema, ByteArrayOutputStream out) throws IOException {
        DatumWriter<Object> writer = writers.getOrCompute(WriterKey.of(datum, schema), key -> newWriter(key, schema));
        // unbuffered: the stream is already in memory, and a buffered encoder would allocate a 2 KiB buffer per record
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> newWriter(WriterKey key, Schema schema) {
        if (key.specificClass() != null) {
            // the class's own model carries its logical-type conversions (Instant <-> long)
            SpecificData model = SpecificData.getForClass(key.specificClass());
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, model);
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    @Override
    public void close() {
        // the HTTP client holds no resources that need closing on Java 17
    }

    /** Specific and generic values of the same schema need different writers (logical types). */
    private record WriterKey(Schema schema, Class<?> specificClass) {
        static WriterKey of(Object datum, Schema schema) {
            return new WriterKey(schema, datum instanceof SpecificRecord ? datum.getClass() : null);
        }
    }

    private record ConversionKey(Schema from, int toId) {
    }
}
