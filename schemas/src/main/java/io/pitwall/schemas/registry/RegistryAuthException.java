package io.pitwall.schemas.registry;

/**
 * The registry refused the credentials (HTTP 401) or the operation for these credentials (HTTP
 * 403). Check {@code basic.auth.credentials.source}, {@code basic.auth.user.info} or the user info
 * in {@code schema.registry.url}.
 */
public class RegistryAuthException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryAuthException(String problem, RegistryErrorContext context) {
        super(problem, context);
    }
}
