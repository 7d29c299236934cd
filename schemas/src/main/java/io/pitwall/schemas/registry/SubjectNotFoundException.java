package io.pitwall.schemas.registry;

/**
 * The subject (or the asked version of it) does not exist in the registry (HTTP 404,
 * {@code error_code} 40401 or 40402). With {@code auto.register.schemas=false} this means nobody
 * registered the topic's schema yet.
 */
public class SubjectNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SubjectNotFoundException(String problem, RegistryErrorContext context) {
        super(problem, context);
    }
}
