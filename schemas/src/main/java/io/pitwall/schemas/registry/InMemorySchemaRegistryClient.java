package io.pitwall.schemas.registry;

import io.pitwall.schemas.compat.BackwardCompatibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, for unit tests that have no registry to talk to (Kafka Streams'
 * {@code TopologyTestDriver}, serde tests). It behaves like the real one where tests can notice:
 * global ids shared by equal schemas across subjects, versions per subject, the default
 * compatibility level BACKWARD and its checks (HTTP 409 as {@link IncompatibleSchemaException}),
 * and 404s as {@link SchemaNotFoundException} / {@link SubjectNotFoundException}.
 *
 * <p>Like Confluent's serde, {@code schema.registry.url=mock://<scope>} makes every serde of the
 * process configured with the same scope share one instance, so a serializer and a deserializer
 * see the same schemas. Call {@link #dropScope(String)} between tests.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    public InMemorySchemaRegistryClient() {
        this("mock://");
    }

    private InMemorySchemaRegistryClient(String name) {
        this.name = name;
    }

    /** The instance shared by every {@code mock://scope} serde of this JVM. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient(SchemaRegistryClientConfig.MOCK_SCHEME + s));
    }

    /** Forgets a scope, so the next test starts with an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        Integer existing = idsBySchemaText.get(schema.toString());
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        CompatibilityLevel level = subjectLevels.getOrDefault(subject, globalLevel);
        List<String> problems = problems(level, schema, versions);
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException("Could not register schema " + schema.getFullName()
                    + ": the schema is incompatible with the versions already registered under the subject"
                    + " (its compatibility rule refuses it)",
                    new RegistryErrorContext(name, subject, 409, 409, level + ": " + String.join("; ", problems)));
        }
        int id = existing != null ? existing : nextId++;
        schemasById.put(id, schema);
        idsBySchemaText.put(schema.toString(), id);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        List<Integer> versions = requireSubject(subject, "look up the id of schema " + schema.getFullName());
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaNotFoundException("Could not look up the id of schema " + schema.getFullName()
                    + ": the registry does not know this schema", notFound(subject, RegistryErrors.SCHEMA_NOT_FOUND));
        }
        return id;
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Could not look up schema id " + id + ": the registry does not know this schema",
                    notFound(null, RegistryErrors.SCHEMA_NOT_FOUND));
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatestSchemaMetadata(String subject) {
        List<Integer> versions = requireSubject(subject, "look up the latest version of the subject");
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        List<Integer> versions = requireSubject(subject, "test schema " + schema.getFullName() + " for compatibility");
        List<String> problems = problems(subjectLevels.getOrDefault(subject, globalLevel), schema, versions);
        return new CompatibilityResult(problems.isEmpty(), problems);
    }

    @Override
    public synchronized CompatibilityLevel getGlobalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> getCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    @Override
    public synchronized List<String> getAllSubjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public String describeEndpoint() {
        return name;
    }

    private List<Integer> requireSubject(String subject, String action) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException("Could not " + action + ": the subject does not exist",
                    notFound(subject, RegistryErrors.SUBJECT_NOT_FOUND));
        }
        return versions;
    }

    private List<String> problems(CompatibilityLevel level, Schema candidate, List<Integer> versions) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        List<Integer> against = level.isTransitive() ? versions : List.of(versions.get(versions.size() - 1));
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema existing = schemasById.get(id);
            if (level.checksBackward()) {
                problems.addAll(BackwardCompatibility.problems(candidate, existing));
            }
            if (level.checksForward()) {
                problems.addAll(BackwardCompatibility.problems(existing, candidate));
            }
        }
        return problems;
    }

    private RegistryErrorContext notFound(String subject, int errorCode) {
        return new RegistryErrorContext(name, subject, 404, errorCode, null);
    }
}
