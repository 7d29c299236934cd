package io.pitwall.schemas.registry;

/**
 * The registry refused to register a schema under a subject because it breaks the subject's
 * compatibility rule (HTTP 409). The schema change needs a default for a new field, or the subject
 * a new name; see the registry's message for the details.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String problem, RegistryErrorContext context) {
        super(problem, context);
    }
}
