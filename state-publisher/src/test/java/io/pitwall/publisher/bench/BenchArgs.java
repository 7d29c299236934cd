package io.pitwall.publisher.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} / {@code --name=value} arguments of the benchmark mains. */
final class BenchArgs {

    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else {
                values.put(a.substring(2), i + 1 < args.length ? args[++i] : "");
            }
        }
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int integer(String name, int def) {
        return Integer.parseInt(get(name, String.valueOf(def)));
    }

    boolean bool(String name, boolean def) {
        return Boolean.parseBoolean(get(name, String.valueOf(def)));
    }
}
