package io.pitwall.ingest.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration option, declared once with everything the loader, the validation and
 * {@code --help} need: name, type, default, description, validation and whether it is a secret.
 *
 * <p>Fields are immutable; the {@code with...} methods return a copy, so declarations read as
 * <pre>{@code
 * static final ConfigField<Integer> PORT = ConfigField.integer("ctp01.port")
 *         .withDefault(61611)
 *         .withValidator(Validators.port())
 *         .withDescription("TCP port ChronoTrack clients connect to");
 * }</pre>
 *
 * <p>The environment variable is derived from the name ({@code kafka.bootstrap.servers} →
 * {@code KAFKA_BOOTSTRAP_SERVERS}), optionally behind a per-service prefix, so it never drifts from
 * the documented name.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigField<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");

    private final String name;
    private final ConfigType<T> type;
    private final T defaultValue;
    private final String description;
    private final Validator<T> validator;
    private final boolean required;
    private final boolean secret;

    private ConfigField(String name, ConfigType<T> type, T defaultValue, String description,
            Validator<T> validator, boolean required, boolean secret) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.validator = validator;
        this.required = required;
        this.secret = secret;
    }

    /** A field of any type; prefer the typed factories below. */
    public static <T> ConfigField<T> of(String name, ConfigType<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Option name '" + name
                    + "' must be lower-case words separated by dots or dashes, e.g. kafka.bootstrap.servers");
        }
        return new ConfigField<>(name, type, null, "", null, false, false);
    }

    public static ConfigField<String> string(String name) {
        return of(name, ConfigTypes.STRING);
    }

    public static ConfigField<Integer> integer(String name) {
        return of(name, ConfigTypes.INT);
    }

    public static ConfigField<Long> longInteger(String name) {
        return of(name, ConfigTypes.LONG);
    }

    public static ConfigField<Boolean> bool(String name) {
        return of(name, ConfigTypes.BOOLEAN);
    }

    public static ConfigField<Duration> duration(String name) {
        return of(name, ConfigTypes.DURATION);
    }

    public static ConfigField<Path> path(String name) {
        return of(name, ConfigTypes.PATH);
    }

    public static ConfigField<List<String>> list(String name) {
        return of(name, ConfigTypes.LIST);
    }

    public static <E extends Enum<E>> ConfigField<E> enumeration(String name, Class<E> type) {
        return of(name, ConfigTypes.enumOf(type));
    }

    public ConfigField<T> withDefault(T value) {
        Objects.requireNonNull(value, "default value of " + name);
        if (required) {
            throw new IllegalStateException(name + " is required, so it cannot have a default");
        }
        return new ConfigField<>(name, type, value, description, validator, false, secret);
    }

    public ConfigField<T> withDescription(String text) {
        return new ConfigField<>(name, type, defaultValue, Objects.requireNonNull(text), validator, required, secret);
    }

    /** Adds a validator; several are combined and all must pass. */
    public ConfigField<T> withValidator(Validator<T> check) {
        Objects.requireNonNull(check, "validator");
        Validator<T> combined = validator == null ? check : validator.and(check);
        return new ConfigField<>(name, type, defaultValue, description, combined, required, secret);
    }

    /** Loading fails when no source sets this option. */
    public ConfigField<T> required() {
        if (defaultValue != null) {
            throw new IllegalStateException(name + " has a default, so it cannot be required");
        }
        return new ConfigField<>(name, type, null, description, validator, true, secret);
    }

    /** The value is never logged, printed or echoed in an error message: {@code <secret>} is shown instead. */
    public ConfigField<T> secret() {
        return new ConfigField<>(name, type, defaultValue, description, validator, required, true);
    }

    public String name() {
        return name;
    }

    public ConfigType<T> type() {
        return type;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The environment variable for this option: {@code prefix + NAME_WITH_UNDERSCORES}. */
    public String envName(String prefix) {
        return envNameOf(name, prefix);
    }

    /** {@code kafka.bootstrap.servers} with prefix {@code CTP01_} → {@code CTP01_KAFKA_BOOTSTRAP_SERVERS}. */
    public static String envNameOf(String optionName, String prefix) {
        return (prefix == null ? "" : prefix)
                + optionName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Runs the validator; empty when the value is allowed. */
    Optional<String> validate(T value) {
        return validator == null ? Optional.empty() : validator.check(value);
    }

    /** Renders a value for humans, hiding secrets. */
    public String display(T value) {
        if (value == null) {
            return "";
        }
        return secret ? Configuration.SECRET_MASK : type.format(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
