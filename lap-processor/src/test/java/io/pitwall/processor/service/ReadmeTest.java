package io.pitwall.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.testing.ReadmeSection;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's option table is the one {@link LapProcessorOptions} declares: regenerate it when this fails. */
class ReadmeTest {

    @Test
    void shouldDocumentEveryOptionAsDeclared() throws IOException {
        assertThat(ReadmeSection.of("options")).as("README option table; expected:\n" + table()).isEqualTo(table());
    }

    static String table() {
        StringBuilder table = new StringBuilder("| option | env variable | type | default | description |\n|---|---|---|---|---|\n");
        for (ConfigField<?> field : LapProcessorOptions.FIELDS) {
            table.append("| `").append(field.name()).append("` | `").append(field.envName("")).append("` | ")
                    .append(field.type().name().replace("|", "\\|")).append(" | ").append(defaultText(field)).append(" | ")
                    .append(field.description().replace("|", "\\|")).append(" |\n");
        }
        table.append("| `kafka.<property>` | `KAFKA_<PROPERTY>` | string |  | ")
                .append(KafkaPassthrough.PASSTHROUGH.description()).append(" |\n");
        return table.toString();
    }

    private static String defaultText(ConfigField<?> field) {
        if (field == LapProcessorOptions.STATE_DIR) {
            return "`<java.io.tmpdir>/pitwall-lap-processor`";
        }
        return field.defaultValue().map(v -> "`" + display(field, v) + "`").orElse("");
    }

    @SuppressWarnings("unchecked")
    private static <T> String display(ConfigField<T> field, Object value) {
        return field.display((T) value);
    }
}
