package io.pitwall.publisher.config;

/** A configuration value that is missing, malformed or out of range; the message names the option and its env var. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
