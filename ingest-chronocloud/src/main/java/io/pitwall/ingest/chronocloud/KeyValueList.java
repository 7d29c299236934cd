package io.pitwall.ingest.chronocloud;

import io.pitwall.ingest.core.config.ConfigType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The option type {@code key=value[,key=value...]}, read as an ordered map. Used for the options that
 * assign something to stations or venues, so one option holds a whole table and an environment
 * variable can carry it.
 */
final class KeyValueList {

    private KeyValueList() {
    }

    /** @param shape how entries look, for {@code --help}'s type column, e.g. {@code station=venue} */
    static ConfigType<Map<String, String>> type(String shape) {
        return ConfigType.of("list of " + shape, KeyValueList::parse, KeyValueList::format);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String item : text.split(",", -1)) {
            String entry = item.trim();
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("comma-separated key=value entries; '" + entry + "' is not one");
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("comma-separated key=value entries; '" + entry + "' is not one");
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("each key once; '" + key + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String format(Map<String, String> entries) {
        return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
