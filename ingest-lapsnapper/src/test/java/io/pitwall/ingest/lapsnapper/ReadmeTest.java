package io.pitwall.ingest.lapsnapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.Passthrough;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option and metric tables must not drift from the code. */
class ReadmeTest {

    static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("README.md"));
    }

    @Test
    void everyOptionIsDocumentedWithItsEnvironmentVariableTypeAndDefault() throws Exception {
        String readme = readme();
        for (ConfigField<?> field : LapSnapperConfig.FIELDS) {
            String type = field.type().name().replace("|", "\\|") + (field.isSecret() ? ", secret" : "");
            String dflt = field.isRequired() ? "(required)" : defaultText(field);
            String row = "| `" + field.name() + "` | `" + field.envName("") + "` | " + type + " |"
                    + (dflt.isEmpty() ? "" : " " + dflt) + " |";
            assertThat(readme).as(field.name()).contains(row);
        }
    }

    @Test
    void everyPerVenueOverrideIsDocumented() throws Exception {
        String readme = readme();
        Passthrough overrides = LapSnapperConfig.SERVER_OVERRIDES;
        for (String attribute : new String[] {"password", "pin", "product.id"}) {
            assertThat(readme).contains("| `" + overrides.prefix() + "<venue>." + attribute + "` | `"
                    + overrides.envStem("") + "<VENUE>_" + attribute.toUpperCase().replace('.', '_') + "` |");
        }
    }

    @Test
    void everyLapSnapperMetricIsDocumentedUnderItsPrometheusName() throws Exception {
        String readme = readme();
        for (Field constant : LapSnapperMetrics.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                String name = ((String) constant.get(null)).replace('.', '_');
                assertThat(readme).as(constant.getName()).contains("| `" + name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String defaultText(ConfigField<T> field) {
        return field.defaultValue().map(v -> "`" + field.type().format((T) v) + "`").orElse("");
    }
}
