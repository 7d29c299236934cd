package io.pitwall.ingest.core.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --name=value} arguments of a benchmark, each with a default; {@link #describe()} prints every value used,
 * so a result always comes with the options that produced it. Shared by the benchmarks of every module.
 */
public final class BenchOptions {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();

    public BenchOptions(String[] args) {
        // Maven hands -Dbench.args over as one argument: split it
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
    }

    public String string(String name, String fallback) {
        String value = given.getOrDefault(name, fallback);
        used.put(name, value);
        return value;
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    public double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }

    /** A duration in milliseconds. */
    public Duration millis(String name, long fallback) {
        return Duration.ofMillis(Long.parseLong(string(name, Long.toString(fallback))));
    }

    /** Every option with the value it had, for the report. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        used.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ").append("--").append(name).append('=')
                .append(value));
        return text.toString();
    }

    public void rejectUnknown() {
        for (String name : given.keySet()) {
            if (!used.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + used.keySet());
            }
        }
    }
}
