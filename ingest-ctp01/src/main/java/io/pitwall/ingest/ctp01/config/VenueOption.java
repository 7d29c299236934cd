package io.pitwall.ingest.ctp01.config;

import io.pitwall.ingest.core.config.ConfigType;
import io.pitwall.ingest.core.config.Validator;
import java.util.Objects;
import java.util.Optional;

/**
 * One per-venue option, written {@code ctp01.venue.<venue>.<name>} (or
 * {@code ctp01.venue.<venue>.<name>.<user>} for per-user options). Declared once in
 * {@link io.pitwall.ingest.ctp01.Ctp01Config} with everything parsing, validation, {@code --help} and the
 * README need, like ingest-core's {@code ConfigField}; ingest-core has no per-venue families, so the
 * venue options reach the service through a passthrough prefix and are typed here.
 *
 * @param name         the option name after the venue id, e.g. {@code time-zone}
 * @param type         how the text becomes a value (ingest-core's types, so messages read the same)
 * @param defaultValue the value when not set; null for none
 * @param description  for {@code --help} and the README
 * @param validator    checks a parsed value; null for none
 * @param secret       the value is never logged or echoed
 * @param perUser      the option is followed by {@code .<user>}
 * @param <T>          the value type
 */
public record VenueOption<T>(String name, ConfigType<T> type, T defaultValue, String description,
                             Validator<T> validator, boolean secret, boolean perUser) {

    public VenueOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static <T> VenueOption<T> of(String name, ConfigType<T> type, String description) {
        return new VenueOption<>(name, type, null, description, null, false, false);
    }

    public VenueOption<T> withDefault(T value) {
        return new VenueOption<>(name, type, Objects.requireNonNull(value), description, validator, secret, perUser);
    }

    public VenueOption<T> withValidator(Validator<T> check) {
        return new VenueOption<>(name, type, defaultValue, description, check, secret, perUser);
    }

    public VenueOption<T> asSecret() {
        return new VenueOption<>(name, type, defaultValue, description, validator, true, perUser);
    }

    public VenueOption<T> asPerUser() {
        return new VenueOption<>(name, type, defaultValue, description, validator, secret, true);
    }

    /**
     * Parses and validates {@code text}.
     *
     * @throws IllegalArgumentException saying what is allowed, phrased to follow "allowed: "
     */
    public T parse(String text) {
        T value = type.parse(text.trim());
        Optional<String> problem = validator == null ? Optional.empty() : validator.check(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return value;
    }

    /** How the key reads in a configuration file, e.g. {@code ctp01.venue.<venue>.password.<user>}. */
    public String documentedKey(String venuePrefix) {
        return venuePrefix + "<venue>." + name + (perUser ? ".<user>" : "");
    }

    /** The default as a user would write it, or empty. */
    public String defaultText() {
        return defaultValue == null ? "" : type.format(defaultValue);
    }
}
