package io.pitwall.ingest.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    @Test
    void noChecksMeansUp() {
        assertThat(new HealthRegistry().readiness().up()).isTrue();
    }

    @Test
    void oneDownCheckMakesTheReportDownAndKeepsRegistrationOrder() {
        HealthRegistry registry = new HealthRegistry()
                .addReadiness("b", () -> CheckResult.up("fine"))
                .addReadiness("a", () -> CheckResult.down("broken"));
        HealthReport report = registry.readiness();
        assertThat(report.up()).isFalse();
        assertThat(report.checks()).containsOnlyKeys("b", "a");
        assertThat(report.checks().keySet()).containsExactly("b", "a");
        assertThat(registry.liveness().up()).isTrue();
    }

    @Test
    void namesAreUnique() {
        HealthRegistry registry = new HealthRegistry().addReadiness("kafka", () -> CheckResult.up(""));
        assertThatThrownBy(() -> registry.addReadiness("kafka", () -> CheckResult.up("")))
                .hasMessageContaining("already registered");
    }

    @Test
    void nullResultCountsAsDown() {
        HealthRegistry registry = new HealthRegistry().addLiveness("x", () -> null);
        assertThat(registry.liveness().up()).isFalse();
    }
}
