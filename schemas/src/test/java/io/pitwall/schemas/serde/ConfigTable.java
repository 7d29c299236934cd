package io.pitwall.schemas.serde;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Renders config definitions as the Markdown table of the module README ({@code <topic>} escaped for HTML). */
final class ConfigTable {

    private ConfigTable() {
    }

    static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder("| key | type | default | description |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                    .append(" | ").append(defaultOf(key)).append(" | ")
                    .append(key.documentation.replace("|", "\\|").replace("<", "&lt;")).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        Object value = key.defaultValue;
        if (value == null || value instanceof Password) {
            return "";
        }
        if (value instanceof List<?> list) {
            return "`" + list.stream().map(String::valueOf).collect(Collectors.joining(",")) + "`";
        }
        if (value instanceof Class<?> type) {
            return "`" + type.getName() + "`";
        }
        return "`" + value + "`";
    }

    public static void main(String[] args) {
        System.out.print(markdown(PitwallAvroSerdeConfig.configDef()));
    }
}
