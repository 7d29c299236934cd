package io.pitwall.publisher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option table is the one {@link PublisherConfig} declares: regenerate it when this fails. */
class ReadmeTest {

    private static final String BEGIN = "<!-- options:begin -->\n";
    private static final String END = "<!-- options:end -->";

    @Test
    void shouldDocumentEveryOptionAsDeclared() throws IOException {
        Path readme = Path.of(System.getProperty("pitwall.module.dir", "."), "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README has " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README has " + END).isGreaterThan(begin);

        String documented = text.substring(begin + BEGIN.length(), end);
        assertThat(documented).as("README option table; expected:\n" + table()).isEqualTo(table());
    }

    static String table() {
        StringBuilder table = new StringBuilder("| option | env variable | type | default | description |\n|---|---|---|---|---|\n");
        for (PublisherOption<?> o : PublisherConfig.ALL) {
            table.append("| `--").append(o.name()).append("` | `").append(o.env()).append("` | ")
                    .append(o.type().replace("|", "\\|")).append(" | ")
                    .append(o.defaultValue().isEmpty() ? "" : "`" + o.defaultValue() + "`").append(" | ")
                    .append(o.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
