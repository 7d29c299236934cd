package io.pitwall.ingest.smartrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.smartrace.bridge.BridgeMetrics;
import io.pitwall.ingest.smartrace.server.SmartraceMetrics;
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
    void everyOptionIsDocumentedWithItsEnvironmentVariableAndDefault() throws Exception {
        String readme = readme();
        for (ConfigField<?> field : SmartraceConfig.FIELDS) {
            String row = "| `" + field.name() + "` | `" + field.envName("") + "` |";
            assertThat(readme).as(field.name()).contains(row);
            field.defaultValue().ifPresent(value -> {
                @SuppressWarnings("unchecked")
                String shown = ((ConfigField<Object>) field).display(value);
                assertThat(readme.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow())
                        .as("default of " + field.name()).contains("`" + shown + "`");
            });
        }
    }

    @Test
    void everySmartraceMetricIsDocumentedUnderItsPrometheusName() throws Exception {
        String readme = readme();
        for (Class<?> holder : new Class<?>[] {SmartraceMetrics.class, BridgeMetrics.class}) {
            for (Field constant : holder.getFields()) {
                if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                    String name = ((String) constant.get(null)).replace('.', '_');
                    assertThat(readme).as(constant.getName()).contains("`" + name);
                }
            }
        }
    }
}
