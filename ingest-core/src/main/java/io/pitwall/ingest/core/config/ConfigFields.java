package io.pitwall.ingest.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered set of options of one service: its own fields plus the common ones. Names are unique
 * and every field has a description, so {@code --help} is complete by construction.
 */
public final class ConfigFields implements Iterable<ConfigField<?>> {

    private final Map<String, ConfigField<?>> fields;
    private final List<Passthrough> passthroughs;

    private ConfigFields(Map<String, ConfigField<?>> fields, List<Passthrough> passthroughs) {
        this.fields = Collections.unmodifiableMap(fields);
        this.passthroughs = List.copyOf(passthroughs);
    }

    public static ConfigFields of(ConfigField<?>... fields) {
        return new ConfigFields(new LinkedHashMap<>(), List.of()).with(fields);
    }

    public static ConfigFields of(List<ConfigField<?>> fields) {
        return of(fields.toArray(ConfigField<?>[]::new));
    }

    /** A copy with more fields; a name declared twice is a programming error and fails at once. */
    public ConfigFields with(ConfigField<?>... more) {
        Map<String, ConfigField<?>> copy = new LinkedHashMap<>(fields);
        for (ConfigField<?> field : more) {
            if (field.description().isBlank()) {
                throw new IllegalArgumentException("Option " + field.name() + " has no description");
            }
            if (copy.putIfAbsent(field.name(), field) != null) {
                throw new IllegalArgumentException("Option " + field.name() + " is declared twice");
            }
        }
        return new ConfigFields(copy, passthroughs);
    }

    /** A copy with the fields and passthroughs of {@code other} appended. */
    public ConfigFields and(ConfigFields other) {
        ConfigFields merged = with(other.fields.values().toArray(ConfigField<?>[]::new));
        ConfigFields result = merged;
        for (Passthrough p : other.passthroughs) {
            result = result.withPassthrough(p);
        }
        return result;
    }

    public ConfigFields withPassthrough(Passthrough passthrough) {
        if (passthroughs.stream().anyMatch(p -> p.prefix().equals(passthrough.prefix()))) {
            throw new IllegalArgumentException("Passthrough prefix " + passthrough.prefix() + " is declared twice");
        }
        List<Passthrough> copy = new ArrayList<>(passthroughs);
        copy.add(passthrough);
        return new ConfigFields(new LinkedHashMap<>(fields), copy);
    }

    public Optional<ConfigField<?>> find(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * Whether an option of this name and type is declared. Matching by name rather than identity lets
     * a service re-declare a shared field with its own default ({@code http.port}) and still be read
     * through the shared constant.
     */
    public boolean contains(ConfigField<?> field) {
        ConfigField<?> declared = fields.get(field.name());
        return declared != null && declared.type().name().equals(field.type().name());
    }

    public List<ConfigField<?>> fields() {
        return List.copyOf(fields.values());
    }

    public List<Passthrough> passthroughs() {
        return passthroughs;
    }

    public Optional<Passthrough> passthroughFor(String optionName) {
        return passthroughs.stream().filter(p -> p.matches(optionName)).findFirst();
    }

    @Override
    public Iterator<ConfigField<?>> iterator() {
        return fields.values().iterator();
    }
}
