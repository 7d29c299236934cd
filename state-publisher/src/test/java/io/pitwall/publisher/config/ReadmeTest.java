package io.pitwall.publisher.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.testing.ReadmeSection;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's option table is the one {@link PublisherConfig} declares: regenerate it when this fails. */
class ReadmeTest {

    @Test
    void shouldDocumentEveryOptionAsDeclared() throws IOException {
        assertThat(ReadmeSection.of("options")).as("README option table; expected:\n" + table()).isEqualTo(table());
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
