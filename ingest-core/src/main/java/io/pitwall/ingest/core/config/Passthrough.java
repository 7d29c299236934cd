package io.pitwall.ingest.core.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A family of options handed through verbatim to a library, e.g. every {@code kafka.*} option that is
 * not declared as a field becomes a Kafka client property ({@code kafka.security.protocol=SASL_SSL} →
 * {@code security.protocol=SASL_SSL}).
 *
 * <p>From a config file or the command line any key under the prefix is accepted (the library warns
 * about keys it does not know). From the environment only keys {@link #knownKey} accepts are taken:
 * {@code KAFKA_SECURITY_PROTOCOL} becomes {@code kafka.security.protocol} because Kafka knows
 * {@code security.protocol}, while Kubernetes' automatic service-link variables such as
 * {@code KAFKA_PORT=tcp://10.0.0.7:9092} are ignored instead of being passed to the client.
 *
 * @param prefix      option-name prefix including the dot, e.g. {@code kafka.}
 * @param description what the passed-through keys are, for {@code --help}
 * @param knownKey    whether a key (without prefix) is a real property of the library
 * @param secretKey   whether the value of a key (without prefix) must be masked
 * @param validator   problem with a key/value pair (without prefix), phrased to follow "allowed: ", or empty
 */
public record Passthrough(
        String prefix,
        String description,
        Predicate<String> knownKey,
        Predicate<String> secretKey,
        BiFunction<String, String, Optional<String>> validator) {

    public Passthrough {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("Passthrough prefix must end with a dot: " + prefix);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(knownKey, "knownKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(validator, "validator");
    }

    public boolean matches(String optionName) {
        return optionName.startsWith(prefix) && optionName.length() > prefix.length();
    }

    /** {@code kafka.security.protocol} → {@code security.protocol}. */
    public String strip(String optionName) {
        return optionName.substring(prefix.length());
    }

    /** The environment-variable stem, e.g. {@code KAFKA_} (after the service prefix). */
    public String envStem(String envPrefix) {
        return ConfigField.envNameOf(prefix.substring(0, prefix.length() - 1), envPrefix) + "_";
    }

    /** {@code KAFKA_SECURITY_PROTOCOL} → {@code security.protocol}, when the variable starts with the stem. */
    Optional<String> keyFromEnv(String envName, String envPrefix) {
        String stem = envStem(envPrefix);
        if (!envName.startsWith(stem) || envName.length() == stem.length()) {
            return Optional.empty();
        }
        String key = envName.substring(stem.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return knownKey.test(key) ? Optional.of(key) : Optional.empty();
    }
}
