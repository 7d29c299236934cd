package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LapProcessorConfigTest {

    @Test
    void shouldDefaultToTheCatalogueTopicsATwoSecondReorderDelayAndTenStatesPerSecond() {
        LapProcessorConfig config = LapProcessorConfig.defaults();

        assertThat(config.passingsTopic()).isEqualTo("timing.passings");
        assertThat(config.statesTopic()).isEqualTo("timing71.states");
        assertThat(config.reorderMaxDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxStatesPerSecond()).isEqualTo(10);
        assertThat(config.minStateInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.clockTick()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldLookAtPendingStatesFourTimesPerMinimumIntervalButNotMoreOftenThanEveryFiveMilliseconds() {
        assertThat(LapProcessorConfig.defaults().stateCheckInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(LapProcessorConfig.defaults().withStatePacing(1000, Duration.ofSeconds(1), Duration.ofMinutes(1))
                .stateCheckInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(LapProcessorConfig.defaults().withStatePacing(1, Duration.ofMillis(100), Duration.ofMinutes(1))
                .stateCheckInterval()).as("never longer than the clock tick").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldRejectRatesAndDurationsThatMakeNoSense() {
        LapProcessorConfig defaults = LapProcessorConfig.defaults();
        assertThatThrownBy(() -> defaults.withStatePacing(0, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStatesPerSecond");
        assertThatThrownBy(() -> defaults.withStatePacing(10, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockTick");
        assertThatThrownBy(() -> defaults.withReorderMaxDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reorderMaxDelay");
    }
}
