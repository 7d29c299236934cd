package io.pitwall.simulator.smartrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SensorCounterTest {

    static final Instant BOOT = Instant.parse("2024-08-04T12:00:00Z");

    @Test
    void microcontrollerCountsMillisecondsSinceBootAndWraps() {
        SensorCounter at30 = SensorCounter.microcontroller(BOOT, (1L << 30) - 1_000, 30);
        SensorCounter at32 = SensorCounter.microcontroller(BOOT, (1L << 32) - 1_000, 32);

        assertThat(at30.at(BOOT)).isEqualTo((1L << 30) - 1_000);
        assertThat(at30.at(BOOT.plusMillis(999))).isEqualTo((1L << 30) - 1);
        assertThat(at30.at(BOOT.plusMillis(1_000))).isZero();
        assertThat(at30.at(BOOT.plusMillis(6_000))).isEqualTo(5_000);
        assertThat(at32.at(BOOT.plusMillis(1_500))).isEqualTo(500);
        assertThat(at32.at(BOOT.minusMillis(500))).isEqualTo((1L << 32) - 1_500);
    }

    @Test
    void phoneSendsEpochMillisecondsOfItsOwnClock() {
        SensorCounter phone = SensorCounter.phone(Duration.ofSeconds(-3));

        assertThat(phone.at(BOOT)).isEqualTo(BOOT.toEpochMilli() - 3_000);
    }

    @Test
    void onlyTheRealCounterWidthsExist() {
        assertThatThrownBy(() -> SensorCounter.microcontroller(BOOT, 0, 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensorCounter.microcontroller(BOOT, 1L << 30, 30)).isInstanceOf(IllegalArgumentException.class);
    }
}
