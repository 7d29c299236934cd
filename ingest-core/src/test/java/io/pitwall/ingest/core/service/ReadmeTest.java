package io.pitwall.ingest.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.backoff.BackoffFields;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.metrics.MetricNames;
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
    void everyCommonAndBackoffOptionIsDocumentedWithItsEnvironmentVariable() throws Exception {
        String readme = readme();
        for (ConfigField<?> field : CommonFields.forService("x", 1).and(BackoffFields.FIELDS)) {
            assertThat(readme).as(field.name())
                    .contains("| `" + field.name() + "` | `" + field.envName("") + "` |");
        }
    }

    @Test
    void everyMetricIsDocumentedUnderItsPrometheusName() throws Exception {
        String readme = readme();
        for (Field constant : MetricNames.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && !constant.getName().startsWith("TAG_")) {
                String name = ((String) constant.get(null)).replace('.', '_');
                assertThat(readme).as(constant.getName()).contains("`" + name);
            }
        }
    }
}
