package io.pitwall.ingest.smartrace.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SensorClocksTest {

    static final long T0 = 1_722_773_100_000L;

    @Test
    void keepsTheLatestStateOfEachSensorWithinTheRetention() {
        SensorClocks clocks = new SensorClocks(Duration.ofMinutes(30), 10);
        clocks.remember("10.0.0.7", new SensorClock.Handover(1_000, T0, T0), T0);
        clocks.remember("10.0.0.7", new SensorClock.Handover(5_000, T0 + 4_000, T0 + 4_010), T0 + 4_010);
        clocks.remember("10.0.0.8", new SensorClock.Handover(77, T0 + 5, T0 + 5), T0 + 5);

        assertThat(clocks.last("10.0.0.7", T0 + 60_000)).contains(new SensorClock.Handover(5_000, T0 + 4_000, T0 + 4_010));
        assertThat(clocks.last("10.0.0.9", T0 + 60_000)).isEmpty();
        assertThat(clocks.last("10.0.0.7", T0 + 4_010 + Duration.ofMinutes(30).toMillis() + 1))
                .as("forgotten after the retention").isEmpty();
        assertThat(clocks.size()).isZero();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheStalest() {
        SensorClocks clocks = new SensorClocks(Duration.ofMinutes(30), 3);
        for (int i = 0; i < 5; i++) {
            clocks.remember("10.0.0." + i, new SensorClock.Handover(i, T0 + i, T0 + i), T0 + i);
        }
        clocks.remember("10.0.0.2", new SensorClock.Handover(99, T0 + 10, T0 + 10), T0 + 10);
        clocks.remember("10.0.0.5", new SensorClock.Handover(5, T0 + 11, T0 + 11), T0 + 11);

        assertThat(clocks.size()).isEqualTo(3);
        assertThat(clocks.last("10.0.0.3", T0 + 12)).as("the least recently updated went first").isEmpty();
        assertThat(clocks.last("10.0.0.2", T0 + 12)).isPresent();
        assertThat(clocks.last("10.0.0.4", T0 + 12)).isPresent();
    }
}
