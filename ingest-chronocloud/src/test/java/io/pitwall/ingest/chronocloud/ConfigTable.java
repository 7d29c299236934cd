package io.pitwall.ingest.chronocloud;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;

/** Renders the README's option table from the declarations, so the two cannot drift apart. */
final class ConfigTable {

    static final String BEGIN = "<!-- config:begin -->";
    static final String END = "<!-- config:end -->";

    private ConfigTable() {
    }

    static String render(ConfigFields fields) {
        StringBuilder out = new StringBuilder("| option | env variable | type | default | description |\n|---|---|---|---|---|\n");
        for (ConfigField<?> field : fields) {
            String defaultText = field.defaultValue().map(v -> "`" + display(field, v) + "`").orElse("");
            out.append("| `").append(field.name()).append("` | `").append(field.envName("")).append("` | ")
                    .append(cell(field.type().name() + (field.isSecret() ? ", secret" : ""))).append(" | ")
                    .append(defaultText).append(" | ").append(cell(field.description())).append(" |\n");
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> String display(ConfigField<T> field, Object value) {
        return field.display((T) value);
    }

    /** Markdown table cells: a pipe would end the cell, a '<' could start an HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
