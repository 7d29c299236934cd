package io.pitwall.ingest.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The loaded, parsed and validated options of a service. Immutable. Created by {@link ConfigLoader}.
 */
public final class Configuration {

    /** Shown wherever a secret value would otherwise appear. */
    public static final String SECRET_MASK = "<secret>";

    private final ConfigFields fields;
    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final Map<String, Map<String, String>> passthrough;

    Configuration(ConfigFields fields, Map<String, Object> values, Map<String, String> origins,
            Map<String, Map<String, String>> passthrough) {
        this.fields = fields;
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
        Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
        passthrough.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new java.util.TreeMap<>(v))));
        this.passthrough = Collections.unmodifiableMap(copy);
    }

    /**
     * The value of an option that has a default or is required.
     *
     * @throws IllegalArgumentException if the field is not one of this configuration's fields
     * @throws NoSuchElementException   if an optional field without default is not set (use {@link #getOptional})
     */
    public <T> T get(ConfigField<T> field) {
        return getOptional(field).orElseThrow(() -> new NoSuchElementException(
                "Option " + field.name() + " is not set and has no default; read it with getOptional"));
    }

    /** The value of an option, empty when an optional option without default is not set. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getOptional(ConfigField<T> field) {
        if (!fields.contains(field)) {
            throw new IllegalArgumentException("Option " + field.name() + " is not declared in this service's fields");
        }
        return Optional.ofNullable((T) values.get(field.name()));
    }

    /** Where the effective value came from: {@code default}, {@code environment variable X}, ... */
    public String origin(ConfigField<?> field) {
        return origins.getOrDefault(field.name(), "not set");
    }

    /**
     * The passed-through options under a prefix, with the prefix removed, e.g. for {@code kafka.}:
     * {@code security.protocol → SASL_SSL}. Declared fields under the prefix are not included.
     */
    public Map<String, String> passthrough(String prefix) {
        Map<String, String> values = passthrough.get(prefix);
        if (values == null) {
            throw new IllegalArgumentException("No passthrough prefix " + prefix + " is declared");
        }
        return values;
    }

    public ConfigFields fields() {
        return fields;
    }

    /**
     * The effective configuration, one {@code name = value (origin)} line per option, secrets masked;
     * safe to log at startup.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ConfigField<?> field : fields) {
            lines.add(field.name() + " = " + display(field) + " (" + origin(field) + ")");
        }
        for (Passthrough p : fields.passthroughs()) {
            passthrough.get(p.prefix()).forEach((key, value) -> lines.add(p.prefix() + key + " = "
                    + (p.secretKey().test(key) ? SECRET_MASK : value)
                    + " (" + origins.getOrDefault(p.prefix() + key, "?") + ")"));
        }
        return lines;
    }

    private <T> String display(ConfigField<T> field) {
        return getOptional(field).map(field::display).orElse("");
    }

    /** Same as {@link #describe()}, one line per option: never contains a secret value. */
    @Override
    public String toString() {
        return String.join("\n", describe());
    }
}
