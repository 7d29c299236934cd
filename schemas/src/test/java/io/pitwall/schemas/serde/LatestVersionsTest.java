package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatestVersionsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ManualClock clock = new ManualClock();

    @Test
    void aNewVersionIsSeenOnlyAfterTheTtl() {
        registry.register("s", Passing.getClassSchema());
        LatestVersions latest = new LatestVersions(registry, Optional.of(Duration.ofSeconds(60)), clock, 10);
        assertThat(latest.get("s").version()).isEqualTo(1);

        registry.register("s", PitwallAvroDeserializerTest.passingWithWeather());
        clock.now = clock.now.plusSeconds(59);
        assertThat(latest.get("s").version()).as("still cached").isEqualTo(1);

        clock.now = clock.now.plusSeconds(1);
        assertThat(latest.get("s").version()).as("expired").isEqualTo(2);
    }

    @Test
    void withoutTtlTheFirstAnswerIsKept() {
        registry.register("s", Passing.getClassSchema());
        LatestVersions latest = new LatestVersions(registry, Optional.empty(), clock, 10);
        latest.get("s");
        registry.register("s", PitwallAvroDeserializerTest.passingWithWeather());
        clock.now = clock.now.plus(Duration.ofDays(365));
        assertThat(latest.get("s").version()).isEqualTo(1);
    }
}
