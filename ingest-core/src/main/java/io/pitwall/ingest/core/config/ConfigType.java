package io.pitwall.ingest.core.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * How the text of an option becomes a typed value and back.
 *
 * <p>{@link #parse} throws {@link IllegalArgumentException} with a message that says what is
 * expected ("an integer", "a duration such as 500ms, 5s or 2m"); the loader prefixes the option name
 * and the offending value, so messages here stay short.
 *
 * @param <T> the Java type of the option
 */
public final class ConfigType<T> {

    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    ConfigType(String name, Function<String, T> parser, Function<T, String> formatter) {
        this.name = Objects.requireNonNull(name, "name");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
    }

    /** Creates a custom type: {@code name} is what {@code --help} shows in the type column. */
    public static <T> ConfigType<T> of(String name, Function<String, T> parser, Function<T, String> formatter) {
        return new ConfigType<>(name, parser, formatter);
    }

    /** What {@code --help} shows in the type column, e.g. {@code int} or {@code enum(FULL|DECORRELATED)}. */
    public String name() {
        return name;
    }

    /** Parses trimmed, non-empty text; throws {@link IllegalArgumentException} saying what is expected. */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** Renders a value the way a user would write it (so a printed default can be pasted back). */
    public String format(T value) {
        return value == null ? "" : formatter.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
