package io.pitwall.publisher.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration option: its name on the command line ({@code --name=value}), its environment
 * variable, the type a user writes, the default, a description, and how a raw string becomes a valid
 * value. Declaring all of this in one record keeps {@code --help}, the README table and validation in
 * step.
 *
 * @param <T> the parsed type
 */
public record ConfigOption<T>(
        String name,
        String env,
        String type,
        String defaultValue,
        String description,
        Function<String, T> parser,
        Predicate<T> valid,
        String validDescription) {

    public ConfigOption {
        Objects.requireNonNull(name);
        Objects.requireNonNull(env);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultValue);
        Objects.requireNonNull(description);
        Objects.requireNonNull(parser);
        Objects.requireNonNull(valid);
    }

    /** Parses and validates one raw value; the error names the option so a user knows what to fix. */
    public T parse(String raw, String origin) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(origin + ": '" + raw + "' is not a valid " + type + " (" + e.getMessage() + ")");
        }
        if (!valid.test(value)) {
            throw new ConfigException(origin + ": '" + raw + "' is out of range: " + validDescription);
        }
        return value;
    }
}
