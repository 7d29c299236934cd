package io.pitwall.schemas.registry;

/**
 * Where basic-auth credentials for the registry come from: Confluent's
 * {@code basic.auth.credentials.source}.
 */
public enum CredentialsSource {
    /** From the user info of each URL in {@code schema.registry.url} (Confluent's default). */
    URL,
    /** From {@code basic.auth.user.info} ({@code username:password}), for every URL. */
    USER_INFO
}
