package io.pitwall.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.schemas.internal.BoundedCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over HTTP (Confluent Schema Registry REST API, content type
 * {@code application/vnd.schemaregistry.v1+json}) that caches what never changes in a registry:
 * the schema behind an id, and the id of a schema under a subject. After the first record of a
 * type, serializing and deserializing make no HTTP call at all.
 *
 * <p>Works with Confluent Schema Registry, Karapace, Redpanda and Apicurio Registry's
 * Confluent-compatible API ({@code .../apis/ccompat/v7}). Only Avro schemas without schema
 * references are supported, which is all Pitwall registers.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(CachingSchemaRegistryClient.class);

    private final RegistryHttp http;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;

    private CachingSchemaRegistryClient(Builder builder) {
        this.http = new RegistryHttp(
                RegistryEndpoint.parseAll(builder.urls),
                builder.credentialsSource,
                Optional.ofNullable(builder.userInfo),
                builder.connectTimeout,
                builder.requestTimeout,
                builder.retryPolicy,
                Optional.ofNullable(builder.sslContext));
        this.schemasById = new BoundedCache<>(builder.cacheCapacity);
        this.idsBySubjectSchema = new BoundedCache<>(builder.cacheCapacity);
    }

    public static Builder builder(List<String> urls) {
        return new Builder(urls);
    }

    /** A client for the given comma-separated URL list with default settings. */
    public static Builder builder(String urls) {
        return new Builder(List.of(urls.split(",")));
    }

    /** A client configured by the Confluent-style keys of {@link SchemaRegistryClientConfig}. */
    public static CachingSchemaRegistryClient fromConfig(SchemaRegistryClientConfig config) {
        Builder builder = builder(config.urls())
                .credentialsSource(config.credentialsSource())
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .retryPolicy(config.retryPolicy())
                .cacheCapacity(config.cacheCapacity());
        config.userInfo().ifPresent(builder::userInfo);
        config.sslContext().ifPresent(builder::sslContext);
        return builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String action = "register schema " + schema.getFullName();
        int id;
        try {
            JsonNode response = http.post("/subjects/" + PathSegment.encode(subject) + "/versions", schemaBody(schema),
                    new RegistryHttp.Call(action, subject));
            id = requireInt(response, "id", action, subject);
        } catch (IncompatibleSchemaException refused) {
            id = registeredByAnother(subject, schema, refused);
        }
        remember(key, id);
        return id;
    }

    /**
     * A 409 on registration is not always an incompatible schema: Apicurio's ccompat API answers 409
     * "already exists" to the loser of two concurrent first registrations of one subject, with the
     * same status and error code. If the schema is now registered under the subject, whoever won
     * registered exactly what this caller wanted, so its id is the answer. Only when the lookup
     * finds nothing was the schema really refused.
     */
    private int registeredByAnother(String subject, Schema schema, IncompatibleSchemaException refused) {
        String action = "look up the id of schema " + schema.getFullName() + " after the registry refused to register it";
        try {
            JsonNode response = http.post("/subjects/" + PathSegment.encode(subject), schemaBody(schema),
                    new RegistryHttp.Call(action, subject));
            int id = requireInt(response, "id", action, subject);
            LOG.info("Registering schema {} under subject '{}' answered HTTP 409 ({}), but the schema is registered"
                    + " (another client registered it at the same moment): using its id {}",
                    schema.getFullName(), subject, refused.registryMessage(), id);
            return id;
        } catch (SchemaNotFoundException | SubjectNotFoundException notThere) {
            throw refused;
        } catch (SchemaRegistryException lookupFailed) {
            // e.g. the registry went away in between: that failure (possibly retriable) is the one to report
            lookupFailed.addSuppressed(refused);
            throw lookupFailed;
        }
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String action = "look up the id of schema " + schema.getFullName();
        JsonNode response = http.post("/subjects/" + PathSegment.encode(subject), schemaBody(schema),
                new RegistryHttp.Call(action, subject));
        int id = requireInt(response, "id", action, subject);
        remember(key, id);
        return id;
    }

    @Override
    public Schema getSchemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String action = "look up schema id " + id;
        JsonNode response = http.get("/schemas/ids/" + id, new RegistryHttp.Call(action, null));
        Schema schema = parseSchema(response, action, null);
        return schemasById.putIfAbsent(id, schema);
    }

    @Override
    public RegisteredSchema getLatestSchemaMetadata(String subject) {
        String action = "look up the latest version of the subject";
        JsonNode response = http.get("/subjects/" + PathSegment.encode(subject) + "/versions/latest",
                new RegistryHttp.Call(action, subject));
        int id = requireInt(response, "id", action, subject);
        int version = requireInt(response, "version", action, subject);
        Schema schema = schemasById.putIfAbsent(id, parseSchema(response, action, subject));
        return new RegisteredSchema(subject, id, version, schema);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        String action = "test schema " + schema.getFullName() + " for compatibility";
        JsonNode response = http.post("/compatibility/subjects/" + PathSegment.encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema), new RegistryHttp.Call(action, subject));
        JsonNode compatible = response.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw malformed(action, subject, "no boolean 'is_compatible'");
        }
        List<String> messages = new ArrayList<>();
        JsonNode list = response.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(m -> messages.add(m.asText()));
        }
        return new CompatibilityResult(compatible.asBoolean(), messages);
    }

    @Override
    public CompatibilityLevel getGlobalCompatibility() {
        String action = "read the global compatibility level";
        return parseLevel(http.get("/config", new RegistryHttp.Call(action, null)), action, null);
    }

    @Override
    public Optional<CompatibilityLevel> getCompatibility(String subject) {
        String action = "read the compatibility level of the subject";
        try {
            return Optional.of(parseLevel(http.get("/config/" + PathSegment.encode(subject),
                    new RegistryHttp.Call(action, subject)), action, subject));
        } catch (SchemaRegistryException e) {
            // Confluent answers 404 (40401, or 40408 "no subject-level config") when the subject has none
            if (e.httpStatus() == 404 && e.errorCode() != SchemaRegistryException.NONE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        http.put("/config", levelBody(level), new RegistryHttp.Call("set the global compatibility level to " + level, null));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        http.put("/config/" + PathSegment.encode(subject), levelBody(level),
                new RegistryHttp.Call("set the compatibility level of the subject to " + level, subject));
    }

    @Override
    public List<String> getAllSubjects() {
        String action = "list the subjects";
        JsonNode response = http.get("/subjects", new RegistryHttp.Call(action, null));
        if (!response.isArray()) {
            throw malformed(action, null, "expected a JSON array");
        }
        List<String> subjects = new ArrayList<>();
        response.forEach(s -> subjects.add(s.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public String describeEndpoint() {
        return http.displayUrls();
    }

    @Override
    public String toString() {
        return "CachingSchemaRegistryClient[" + http.displayUrls() + "]";
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        // the registered schema reads the data we write with it: no need to fetch it by id later
        schemasById.putIfAbsent(id, key.schema());
    }

    private static ObjectNode schemaBody(Schema schema) {
        // schemaType is omitted: AVRO is the API's default, and older registries reject the field
        ObjectNode body = RegistryHttp.json().createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private static ObjectNode levelBody(CompatibilityLevel level) {
        ObjectNode body = RegistryHttp.json().createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    private Schema parseSchema(JsonNode response, String action, String subject) {
        JsonNode type = response.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new InvalidSchemaException("Could not " + action + ": it is a " + type.asText()
                    + " schema, and Pitwall reads Avro only", RegistryErrorContext.noResponse(http.displayUrls(), subject));
        }
        JsonNode references = response.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new InvalidSchemaException("Could not " + action + ": the schema uses schema references,"
                    + " which Pitwall does not support (register self-contained schemas)",
                    RegistryErrorContext.noResponse(http.displayUrls(), subject));
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw malformed(action, subject, "no 'schema' text");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException("Could not " + action + ": the registry returned a schema that is not valid Avro: "
                    + e.getMessage(), RegistryErrorContext.noResponse(http.displayUrls(), subject));
        }
    }

    private CompatibilityLevel parseLevel(JsonNode response, String action, String subject) {
        // Confluent answers {"compatibilityLevel": ..}; some compatible registries use "compatibility"
        JsonNode level = response.has("compatibilityLevel") ? response.get("compatibilityLevel") : response.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw malformed(action, subject, "no 'compatibilityLevel'");
        }
        try {
            return CompatibilityLevel.parse(level.asText());
        } catch (IllegalArgumentException e) {
            throw malformed(action, subject, e.getMessage());
        }
    }

    private int requireInt(JsonNode response, String field, String action, String subject) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(action, subject, "no integer '" + field + "'");
        }
        return value.asInt();
    }

    private SchemaRegistryException malformed(String action, String subject, String what) {
        return new SchemaRegistryException("Could not " + action + ": unexpected answer from the registry (" + what + ")",
                RegistryErrorContext.noResponse(http.displayUrls(), subject));
    }

    /** Cache key: schemas are compared structurally; Avro caches their hash codes. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    /** Settings of a {@link CachingSchemaRegistryClient}; defaults match {@link SchemaRegistryClientConfig}. */
    public static final class Builder {

        private final List<String> urls;
        private CredentialsSource credentialsSource = CredentialsSource.URL;
        private BasicCredentials userInfo;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(2));
        private int cacheCapacity = 1000;
        private SSLContext sslContext;

        private Builder(List<String> urls) {
            this.urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        }

        public Builder credentialsSource(CredentialsSource source) {
            this.credentialsSource = Objects.requireNonNull(source);
            return this;
        }

        /** Credentials for every URL; also switches the credentials source to USER_INFO. */
        public Builder basicAuth(String username, String password) {
            return userInfo(new BasicCredentials(username, password)).credentialsSource(CredentialsSource.USER_INFO);
        }

        /** Credentials used when the credentials source is USER_INFO. */
        public Builder userInfo(BasicCredentials credentials) {
            this.userInfo = credentials;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder cacheCapacity(int capacity) {
            this.cacheCapacity = capacity;
            return this;
        }

        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public CachingSchemaRegistryClient build() {
            return new CachingSchemaRegistryClient(this);
        }
    }
}
