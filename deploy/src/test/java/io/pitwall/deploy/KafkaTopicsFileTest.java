package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The KafkaTopic resources are generated from the code catalogue and must not drift from it. The rendered
 * overlays are checked against the catalogue once more, field by field, in {@link KustomizeOverlaysTest}.
 */
class KafkaTopicsFileTest {

    static final String CLUSTER = "pitwall";
    private static final Path FILE = DeployFiles.k8s().resolve("base/kafka/topics.yaml");

    @Test
    void topicsFileIsGeneratedFromTheCatalogue() throws IOException {
        String expected = TopicManifests.render(Topics.ALL, CLUSTER);
        if (Boolean.getBoolean("pitwall.deploy.regenerate")) {
            Files.writeString(FILE, expected);
        }
        assertThat(Files.exists(FILE) ? Files.readString(FILE) : "")
                .as("%s differs from the topic catalogue: regenerate it with"
                        + " ./mvnw -o -pl deploy test -Dtest=KafkaTopicsFileTest -Dpitwall.deploy.regenerate=true", FILE)
                .isEqualTo(expected);
    }
}
