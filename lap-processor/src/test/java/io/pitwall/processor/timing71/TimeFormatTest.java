package io.pitwall.processor.timing71;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

    @Test
    void shouldWriteSecondsAsTheExactDecimalTextOfTruncatedMilliseconds() {
        assertThat(TimeFormat.secondsText(92_820_900)).isEqualTo("92.820");
        assertThat(TimeFormat.secondsText(0)).isEqualTo("0.000");
        assertThat(TimeFormat.secondsText(999)).as("under a millisecond").isEqualTo("0.000");
        assertThat(TimeFormat.secondsText(5_000)).isEqualTo("0.005");
        assertThat(TimeFormat.secondsText(-5_000)).isEqualTo("-0.005");
        assertThat(TimeFormat.secondsText(3_600_050_000L)).isEqualTo("3600.050");
        assertThat(TimeFormat.secondsText(Long.MAX_VALUE)).isEqualTo(TimeFormat.seconds(Long.MAX_VALUE).toString());
        assertThat(TimeFormat.secondsText(Long.MIN_VALUE)).isEqualTo(TimeFormat.seconds(Long.MIN_VALUE).toString());
        assertThat(TimeFormat.secondsText(999_999_999_999L)).isEqualTo("999999.999");
    }

    @Test
    void shouldWriteWhatJacksonWritesForTheBigDecimal() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long micros = switch (i % 3) {
                case 0 -> random.nextInt(200_000_000);
                case 1 -> -random.nextInt(5_000_000);
                default -> random.nextLong() / 1_000;
            };
            assertThat(TimeFormat.secondsText(micros)).as("%d µs", micros)
                    .isEqualTo(TimeFormat.seconds(micros).toString());
        }
    }
}
