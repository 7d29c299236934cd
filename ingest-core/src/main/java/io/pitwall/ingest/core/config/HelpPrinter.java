package io.pitwall.ingest.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code --help}: how options are given, then a table of every option (name, environment
 * variable, type, default, description) and the passthrough families. Secret defaults show as
 * {@code <secret>}.
 */
public final class HelpPrinter {

    private static final int DESCRIPTION_WIDTH = 64;
    private static final String[] HEADER = {"OPTION", "ENV VARIABLE", "TYPE", "DEFAULT", "DESCRIPTION"};

    private HelpPrinter() {
    }

    public static String render(String serviceName, ConfigFields fields, String envPrefix) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ConfigField<?> field : fields) {
            rows.add(new String[] {
                field.name(), field.envName(envPrefix), field.type().name(), defaultText(field), field.description()});
        }
        for (Passthrough p : fields.passthroughs()) {
            rows.add(new String[] {
                p.prefix() + "<property>", p.envStem(envPrefix) + "<PROPERTY>", "string", "", p.description()});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(serviceName).append(" [--config FILE] [--name=value ...] [--help]\n\n")
                .append("Every option can be set, from lowest to highest precedence, by its default, a properties\n")
                .append("file (--config FILE or ").append(ConfigLoader.CONFIG_FILE_ENV)
                .append("), its environment variable, or --name=value.\n")
                .append("Durations take a unit: 500ms, 5s, 2m, 1h. Blank values count as not set.\n\n");
        for (String[] row : rows) {
            List<String> description = wrap(row[4]);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(pad(row[i], widths[i])).append("  ");
            }
            out.append(line).append(description.get(0)).append('\n');
            String indent = " ".repeat(line.length());
            for (int i = 1; i < description.size(); i++) {
                out.append(indent).append(description.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    private static String defaultText(ConfigField<?> field) {
        if (field.isRequired()) {
            return "(required)";
        }
        return field.defaultValue().map(v -> displayDefault(field, v)).orElse("");
    }

    @SuppressWarnings("unchecked")
    private static <T> String displayDefault(ConfigField<T> field, Object value) {
        return field.display((T) value);
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > DESCRIPTION_WIDTH) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString());
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
