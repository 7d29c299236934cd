package io.pitwall.schemas.registry;

/**
 * Where a registry call failed: the facts a {@link SchemaRegistryException} message is built from.
 *
 * @param registryUrl     URL or URLs called, without credentials
 * @param subject         subject of the call, or {@code null}
 * @param httpStatus      HTTP status, or {@link SchemaRegistryException#NONE}
 * @param errorCode       Confluent {@code error_code}, or {@link SchemaRegistryException#NONE}
 * @param registryMessage the registry's {@code message}, or {@code null}
 */
public record RegistryErrorContext(
        String registryUrl, String subject, int httpStatus, int errorCode, String registryMessage) {

    /** A failure with no HTTP response (connection refused, timeout, bad payload). */
    public static RegistryErrorContext noResponse(String registryUrl, String subject) {
        return new RegistryErrorContext(
                registryUrl, subject, SchemaRegistryException.NONE, SchemaRegistryException.NONE, null);
    }
}
