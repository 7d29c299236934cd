package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LapProcessorConfigTest {

    @Test
    void shouldDefaultToTheCatalogueTopicsAndATwoSecondReorderDelay() {
        LapProcessorConfig config = LapProcessorConfig.defaults();

        assertThat(config.passingsTopic()).isEqualTo("timing.passings");
        assertThat(config.statesTopic()).isEqualTo("timing71.states");
        assertThat(config.reorderMaxDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.publishInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldReadDurationsAsIsoOrMilliseconds() {
        LapProcessorConfig config = LapProcessorConfig.from(Map.of(
                LapProcessorConfig.REORDER_MAX_DELAY, "500", LapProcessorConfig.CAR_STOPPED_AFTER, "PT90S"));

        assertThat(config.reorderMaxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.carStoppedAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldRejectWhatIsNotADuration() {
        assertThatThrownBy(() -> LapProcessorConfig.from(Map.of(LapProcessorConfig.REORDER_MAX_DELAY, "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reorder.max-delay");
        assertThatThrownBy(() -> LapProcessorConfig.from(Map.of(LapProcessorConfig.PUBLISH_INTERVAL, "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timing71.publish-interval");
    }
}
