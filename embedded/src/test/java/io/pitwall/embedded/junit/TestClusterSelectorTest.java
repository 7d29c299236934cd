package io.pitwall.embedded.junit;

import io.pitwall.embedded.junit.TestClusterSelector.Kind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClusterSelectorTest {

    private final Map<String, String> settings = new HashMap<>();
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("Docker must not be probed");
    };

    @Test
    void externalWhenBothVariablesAreSetWithoutProbingDocker() {
        settings.put("PITWALL_TEST_KAFKA_BOOTSTRAP", "kafka:9092");
        settings.put("PITWALL_TEST_SCHEMA_REGISTRY_URL", "http://registry:8081");

        assertThat(TestClusterSelector.select(settings::get, MUST_NOT_ASK).kind()).isEqualTo(Kind.EXTERNAL);
    }

    @Test
    void containersWhenDockerIsAvailable() {
        assertThat(TestClusterSelector.select(settings::get, DOCKER).kind()).isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void embeddedWithoutDockerAndTheReasonSaysSo() {
        TestClusterSelector.Selection selection = TestClusterSelector.select(settings::get, NO_DOCKER);

        assertThat(selection.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(selection.reason()).isEqualTo("no Docker daemon found, fell back to embedded");
    }

    @Test
    void halfAnExternalConfigurationIsAnError() {
        settings.put("PITWALL_TEST_KAFKA_BOOTSTRAP", "kafka:9092");

        assertThatThrownBy(() -> TestClusterSelector.select(settings::get, NO_DOCKER))
                .hasMessageContaining("PITWALL_TEST_SCHEMA_REGISTRY_URL");
    }

    @Test
    void theModeCanForceAChoice() {
        settings.put("PITWALL_TEST_CLUSTER", "embedded");
        assertThat(TestClusterSelector.select(settings::get, MUST_NOT_ASK).kind()).isEqualTo(Kind.EMBEDDED);

        settings.put("PITWALL_TEST_CLUSTER", "DOCKER");
        assertThat(TestClusterSelector.select(settings::get, DOCKER).kind()).isEqualTo(Kind.CONTAINERS);
        assertThatThrownBy(() -> TestClusterSelector.select(settings::get, NO_DOCKER)).hasMessageContaining("no Docker");

        settings.put("PITWALL_TEST_CLUSTER", "external");
        assertThatThrownBy(() -> TestClusterSelector.select(settings::get, DOCKER)).hasMessageContaining("needs");

        settings.put("PITWALL_TEST_CLUSTER", "sometimes");
        assertThatThrownBy(() -> TestClusterSelector.select(settings::get, DOCKER)).hasMessageContaining("auto, external, docker or embedded");
    }

    @Test
    void blankValuesCountAsUnset() {
        settings.put("PITWALL_TEST_KAFKA_BOOTSTRAP", " ");
        settings.put("PITWALL_TEST_SCHEMA_REGISTRY_URL", "");

        assertThat(TestClusterSelector.select(settings::get, NO_DOCKER).kind()).isEqualTo(Kind.EMBEDDED);
    }
}
