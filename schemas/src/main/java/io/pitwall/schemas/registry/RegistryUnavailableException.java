package io.pitwall.schemas.registry;

/**
 * No registry URL answered: connection refused, DNS failure, TLS failure or timeout on every
 * configured URL, after the configured retries. Always {@linkplain #isRetriable() retriable}: the
 * data is fine, the registry is not reachable right now.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String problem, RegistryErrorContext context, Throwable cause) {
        super(problem, context, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
