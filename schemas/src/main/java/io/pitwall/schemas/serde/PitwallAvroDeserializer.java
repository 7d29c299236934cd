package io.pitwall.schemas.serde;

import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.compat.BackwardCompatibility;
import io.pitwall.schemas.internal.BoundedCache;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SchemaRegistryClients;
import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro values in the Confluent wire format. Reads the schema id, fetches
 * the writer schema from the registry (once per id) and resolves it against the reader schema, so
 * records written with older or newer compatible schemas are read correctly:
 * <ul>
 *   <li>{@code specific.avro.reader=false} (default): a {@code GenericRecord} in the writer's schema;</li>
 *   <li>{@code specific.avro.reader=true}: the generated class configured with
 *       {@code specific.avro.value.type}/{@code specific.avro.key.type}, or else the class named by
 *       the writer schema, with that class's schema as the reader schema.</li>
 * </ul>
 * Top-level Avro strings come back as {@link String} and bytes as {@code byte[]}, as with
 * Confluent's deserializer. {@code null} stays {@code null} (tombstones).
 *
 * <p>Specific reading needs Avro to trust {@code io.pitwall} classes: see {@link AvroTrust}.
 *
 * @param <T> type of the values
 */
public class PitwallAvroDeserializer<T> implements Deserializer<T> {

    private final SchemaRegistryClient injectedClient;
    private SchemaRegistryClient client;
    private boolean specific;
    private Class<? extends SpecificRecord> specificType;
    private Schema specificReaderSchema;
    private SpecificData classLookup;
    private BoundedCache<Integer, DatumReader<Object>> readers;
    private volatile boolean configured;

    /** For Kafka's reflective instantiation: the client is created from the configuration. */
    public PitwallAvroDeserializer() {
        this.injectedClient = null;
    }

    /** With a given client (shared between serdes, or an in-memory one in tests). */
    public PitwallAvroDeserializer(SchemaRegistryClient client) {
        this.injectedClient = client;
    }

    /** With a given client, configured at once. */
    public PitwallAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        PitwallAvroSerdeConfig config = new PitwallAvroSerdeConfig(configs);
        this.client = injectedClient != null ? injectedClient : SchemaRegistryClients.create(config);
        this.specific = config.specificAvroReader();
        this.specificType = config.specificType(isKey).orElse(null);
        ClassLoader loader = classLoader();
        this.classLookup = new SpecificData(loader);
        if (specificType != null) {
            this.specificReaderSchema = SpecificData.getForClass(specificType).getSchema(specificType);
            // fail at start-up, not at the first record, when Avro would refuse the generated classes
            AvroTrust.requireTrusted(specificReaderSchema, specificType.getClassLoader());
        }
        this.readers = new BoundedCache<>(config.cacheCapacity());
        this.configured = true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (!configured) {
            throw new IllegalStateException("PitwallAvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<Object> reader;
        try {
            reader = readers.getOrCompute(id, key -> newReader(topic, id));
        } catch (SchemaRegistryException e) {
            throw e.forTopic(topic);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                // bytes left over mean the payload was not written with the schema its id names
                throw new SerializationException(cannotRead(topic, id) + ": " + remaining(decoder)
                        + " bytes left after the value; the payload does not match schema id " + id);
            }
            return (T) AvroValues.fromDatum(value);
        } catch (SecurityException e) {
            throw new SerializationException(cannotRead(topic, id) + ": " + AvroTrust.untrustedMessage(untrustedName(e)), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException alreadyExplained) {
                throw alreadyExplained;
            }
            throw new SerializationException(cannotRead(topic, id) + ": " + e, e);
        }
    }

    private DatumReader<Object> newReader(String topic, int id) {
        Schema writer = client.getSchemaById(id);
        if (!specific || !isNamed(writer)) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> type = specificType != null ? specificType : classNamedBy(writer, topic, id);
        Schema reader = specificType != null ? specificReaderSchema : SpecificData.getForClass(type).getSchema(type);
        List<String> problems = BackwardCompatibility.problems(reader, writer);
        if (!problems.isEmpty()) {
            throw new SerializationException(cannotRead(topic, id) + " as " + type.getName() + ": writer schema "
                    + writer.getFullName() + " does not resolve against it: " + String.join("; ", problems));
        }
        return specificReader(writer, reader, type);
    }

    @SuppressWarnings("unchecked")
    private static DatumReader<Object> specificReader(Schema writer, Schema reader, Class<?> type) {
        // the class's own model carries its logical-type conversions (long <-> Instant)
        SpecificData model = SpecificData.getForClass(type);
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, reader, model);
    }

    private Class<?> classNamedBy(Schema writer, String topic, int id) {
        Class<?> type;
        try {
            type = classLookup.getClass(writer);
        } catch (SecurityException e) {
            throw new SerializationException(cannotRead(topic, id) + ": "
                    + AvroTrust.untrustedMessage(SpecificData.getClassName(writer)), e);
        }
        if (type == null) {
            throw new SerializationException(cannotRead(topic, id) + ": specific.avro.reader=true but no generated class "
                    + SpecificData.getClassName(writer) + " (named by the writer schema) is on the class path;"
                    + " set specific.avro.value.type, or read GenericRecords");
        }
        return type;
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED;
    }

    private static String cannotRead(String topic, int id) {
        return "Could not deserialize a value with schema id " + id + " from " + InvalidWireFormatException.where(topic);
    }

    private static long remaining(BinaryDecoder decoder) {
        try {
            long count = 0;
            while (!decoder.isEnd()) {
                decoder.skipFixed(1);
                count++;
            }
            return count;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Avro's message is "Forbidden <class>! This class is not trusted..."; the class name is all we need. */
    private static String untrustedName(SecurityException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("");
        if (message.startsWith("Forbidden ") && message.indexOf('!') > 0) {
            return message.substring("Forbidden ".length(), message.indexOf('!'));
        }
        return "a generated class";
    }

    private ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : getClass().getClassLoader();
    }

    @Override
    public void close() {
        // the HTTP client holds no resources that need closing on Java 17
    }
}
