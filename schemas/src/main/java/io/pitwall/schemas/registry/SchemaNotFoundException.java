package io.pitwall.schemas.registry;

/**
 * The registry does not know the schema: an unknown schema id (HTTP 404, {@code error_code}
 * 40403), or a schema that was never registered under the subject that was asked. A record whose
 * id is unknown to the registry cannot be read; it usually means producer and consumer talk to
 * different registries.
 */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String problem, RegistryErrorContext context) {
        super(problem, context);
    }
}
