package io.pitwall.schemas.registry;

/**
 * The registry rejected the request as unprocessable (HTTP 422): an invalid schema
 * ({@code error_code} 42201), version (42202) or compatibility level (42203). Also thrown when the
 * registry hands back a schema Pitwall cannot use (not Avro, or with schema references).
 */
public class InvalidSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String problem, RegistryErrorContext context) {
        super(problem, context);
    }
}
