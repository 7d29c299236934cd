package io.pitwall.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void shouldNameEveryTopicOnce() {
        Set<String> names = new HashSet<>();
        Topics.ALL.forEach(t -> assertThat(names.add(t.name())).as("duplicate topic %s", t.name()).isTrue());
    }

    @Test
    void shouldKeepCompactedTopicsFreeOfTimeRetention() {
        Topics.ALL.stream().filter(t -> t.cleanup() == CleanupPolicy.COMPACT)
                .forEach(t -> assertThat(t.configs()).as(t.name()).doesNotContainKey("retention.ms"));
    }

    @Test
    void shouldKeepTheLogOfPassingsLapsAndRaceControlForever() {
        assertThat(Topics.PASSINGS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.LAPS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.SESSION_CONTROL.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.SESSIONS.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldFindTopicsByName() {
        assertThat(Topics.byName("timing.passings")).contains(Topics.PASSINGS);
        assertThat(Topics.byName("no.such.topic")).isEmpty();
    }

    @Test
    void shouldMatchTheTopicTableInTheReadme() throws IOException {
        Path readme = Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("../README.md").normalize();
        String text = Files.readString(readme);
        String begin = "<!-- topics:begin -->\n";
        String end = "<!-- topics:end -->";
        String table = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end));
        assertThat(table)
                .as("README topic table drifted from Topics.ALL; paste TopicTable.markdown(Topics.ALL)")
                .isEqualTo(TopicTable.markdown(Topics.ALL));
    }
}
