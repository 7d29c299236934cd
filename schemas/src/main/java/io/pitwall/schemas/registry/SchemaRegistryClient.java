package io.pitwall.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that Pitwall uses, for Avro schemas.
 *
 * <p>Implementations are thread-safe. Every method throws a {@link SchemaRegistryException}
 * subclass on failure: {@link RegistryUnavailableException}, {@link RegistryAuthException},
 * {@link IncompatibleSchemaException}, {@link SchemaNotFoundException},
 * {@link SubjectNotFoundException}, {@link InvalidSchemaException}.
 *
 * @see CachingSchemaRegistryClient the HTTP implementation
 * @see InMemorySchemaRegistryClient the in-memory one for unit tests ({@code mock://} URLs)
 */
public interface SchemaRegistryClient {

    /**
     * Registers the schema under the subject ({@code POST /subjects/{subject}/versions}) and returns
     * its global id. Registering a schema that is already there returns the existing id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it (409; a 409 for a
     *         schema that is registered after all — a concurrent first registration — returns its id)
     */
    int register(String subject, Schema schema);

    /**
     * Id of a schema already registered under the subject, without registering it
     * ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaNotFoundException  when the schema is not registered under the subject
     * @throws SubjectNotFoundException when the subject does not exist
     */
    int getId(String subject, Schema schema);

    /**
     * Schema with the given global id ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaNotFoundException when no schema has that id (404, error_code 40403)
     */
    Schema getSchemaById(int id);

    /**
     * Latest version of the subject ({@code GET /subjects/{subject}/versions/latest}). Never cached
     * by the client: the point is to see new versions.
     *
     * @throws SubjectNotFoundException when the subject does not exist
     */
    RegisteredSchema getLatestSchemaMetadata(String subject);

    /**
     * Whether the schema may be registered under the subject according to its compatibility rule
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** Registry-wide compatibility level ({@code GET /config}). */
    CompatibilityLevel getGlobalCompatibility();

    /**
     * The subject's own compatibility level ({@code GET /config/{subject}}), or empty when the
     * subject follows the global level.
     */
    Optional<CompatibilityLevel> getCompatibility(String subject);

    /** Sets the registry-wide compatibility level ({@code PUT /config}). */
    void setGlobalCompatibility(CompatibilityLevel level);

    /** Sets the subject's compatibility level ({@code PUT /config/{subject}}). */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** All subject names ({@code GET /subjects}). */
    List<String> getAllSubjects();

    /** Where this client talks to, for messages: URLs without credentials. */
    String describeEndpoint();
}
