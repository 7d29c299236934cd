package io.pitwall.ingest.ctp01;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.ctp01.config.VenueOption;
import io.pitwall.ingest.ctp01.resume.KafkaResumeStore;
import io.pitwall.ingest.ctp01.session.SessionMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's option and metric tables must not drift from the code. */
class ReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("README.md"));
    }

    /** The README table row that starts with {@code cell}. */
    private static String row(String readme, String cell) {
        return Arrays.stream(readme.split("\n")).filter(line -> line.startsWith(cell)).findFirst()
                .orElseThrow(() -> new AssertionError("README has no table row starting with " + cell));
    }

    @Test
    void everyServerOptionIsDocumentedWithItsEnvironmentVariableAndDefault() throws Exception {
        String readme = readme();
        for (ConfigField<?> field : Ctp01Config.FIELDS) {
            String row = row(readme, "| `" + field.name() + "` | `" + field.envName("") + "` |");
            assertThat(row).as(field.name()).contains("| " + field.type().name() + " |");
            field.defaultValue().ifPresent(value -> assertThat(row).as(field.name() + " default")
                    .contains("`" + display(field, value) + "`"));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String display(ConfigField<T> field, Object value) {
        return field.display((T) value);
    }

    @Test
    void everyVenueOptionIsDocumentedWithItsTypeAndDefault() throws Exception {
        String readme = readme();
        for (VenueOption<?> option : Ctp01Config.VENUE_OPTIONS) {
            String row = row(readme, "| `" + option.documentedKey(Ctp01Config.VENUE_PREFIX) + "` |");
            assertThat(row).as(option.name()).contains("| " + option.type().name().replace("|", "\\|"));
            if (!option.defaultText().isEmpty()) {
                assertThat(row).as(option.name() + " default").contains("`" + option.defaultText() + "`");
            }
        }
        assertThat(row(readme, "| `ctp01.venue.<venue>.port` |")).contains("`ctp01.port`");
    }

    @Test
    void everyCtp01MetricIsDocumentedUnderItsPrometheusName() throws Exception {
        String readme = readme();
        for (Class<?> holder : List.of(SessionMetrics.class, KafkaResumeStore.class)) {
            for (Field constant : holder.getFields()) {
                if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class
                        && ((String) constant.get(null)).startsWith("pitwall.")) {
                    String name = ((String) constant.get(null)).replace('.', '_');
                    assertThat(readme).as(constant.getName()).contains("`" + name);
                }
            }
        }
    }

    @Test
    void theBenchmarkCommandNamesTheBenchmarkClass() throws Exception {
        assertThat(readme()).contains("org.openjdk.jmh.Main LineToPassingBenchmark")
                .contains(io.pitwall.ingest.ctp01.bench.LineToPassingBenchmark.class.getSimpleName());
    }
}
