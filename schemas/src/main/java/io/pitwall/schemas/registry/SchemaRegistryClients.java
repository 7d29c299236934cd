package io.pitwall.schemas.registry;

import java.util.Map;

/** Creates the registry client a configuration asks for. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /**
     * The HTTP client for {@code http(s)://} URLs, or the shared in-memory registry of the scope for
     * a {@code mock://scope} URL.
     */
    public static SchemaRegistryClient create(SchemaRegistryClientConfig config) {
        if (config.isMock()) {
            return InMemorySchemaRegistryClient.forScope(config.mockScope());
        }
        return CachingSchemaRegistryClient.fromConfig(config);
    }

    /** Same as {@link #create(SchemaRegistryClientConfig)} from Confluent-style properties. */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        return create(new SchemaRegistryClientConfig(configs));
    }
}
