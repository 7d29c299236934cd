package io.pitwall.ingest.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupCheckTest {

    @Test
    void downWhileStartingSayingWhatItWaitsFor() {
        StartupCheck check = new StartupCheck("waiting for Kafka");
        assertThat(check.check()).isEqualTo(CheckResult.down("starting: waiting for Kafka"));

        check.step("binding port 9100");
        assertThat(check.check()).isEqualTo(CheckResult.down("starting: binding port 9100"));
    }

    @Test
    void upOnceStartedAndDownForGoodOnceStopping() {
        StartupCheck check = new StartupCheck("waiting for Kafka");
        check.started("started in 42 ms");
        check.step("late step of a slow start");
        assertThat(check.check()).isEqualTo(CheckResult.up("started in 42 ms"));

        check.stopping();
        check.started("started again?");
        assertThat(check.check()).isEqualTo(CheckResult.down("shutting down"));
    }

    @Test
    void aServiceWithOnlyThisCheckIsNotReadyUntilStarted() {
        HealthRegistry health = new HealthRegistry();
        StartupCheck check = new StartupCheck("waiting for Kafka");
        health.addReadiness("started", check);

        assertThat(health.readiness().up()).isFalse();
        check.started("started");
        assertThat(health.readiness().up()).isTrue();
    }
}
