package io.pitwall.ingest.smartrace.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorClockTest {

    static final long T0 = 1_722_773_100_000L; // receive clock, ms since the epoch

    @Test
    void anchorsTheFirstReadingToItsReceptionAndKeepsTheSensorsDifferences() {
        SensorClock clock = new SensorClock(500);

        SensorClock.Reading first = clock.read(10_000, T0);
        // the next lap arrives 40 ms "late" (network jitter): its time is still the sensor's difference
        SensorClock.Reading second = clock.read(15_123, T0 + 5_163);

        assertThat(first.firstAnchor()).isTrue();
        assertThat(first.timeMillis()).isEqualTo(T0);
        assertThat(second.firstAnchor()).isFalse();
        assertThat(second.timeMillis() - first.timeMillis()).isEqualTo(5_123);
        assertThat(second.reanchoredByMillis()).isZero();
    }

    @Test
    void absorbsEarlyArrivalWithinToleranceAndReanchorsBeyondIt() {
        SensorClock clock = new SensorClock(500);
        clock.read(10_000, T0 + 3_000); // first message was 3 s late (a re-sent lap nobody recognised)

        SensorClock.Reading fresh = clock.read(20_000, T0 + 10_000); // arrives "2990 ms before it happened"

        assertThat(fresh.reanchoredByMillis()).isEqualTo(3_000);
        assertThat(fresh.timeMillis()).isEqualTo(T0 + 10_000);
        assertThat(fresh.offsetMillis()).isEqualTo(T0 - 10_000);

        SensorClock small = new SensorClock(500);
        small.read(10_000, T0 + 200);
        assertThat(small.read(20_000, T0 + 10_000).reanchoredByMillis()).as("200 ms is jitter").isZero();
    }

    @Test
    void lateReadingsNeverMoveTheAnchor() {
        SensorClock clock = new SensorClock(0);
        clock.read(1_000, T0);

        // reads paused by back-pressure: received 30 s after the crossing
        SensorClock.Reading late = clock.read(6_000, T0 + 35_000);

        assertThat(late.timeMillis()).isEqualTo(T0 + 5_000);
        assertThat(late.reanchoredByMillis()).isZero();
    }

    @Test
    void unwrapsACounterThatWrapsAt2To30() {
        SensorClock clock = new SensorClock(500);
        long beforeWrap = (1L << 30) - 1_500;
        clock.read(beforeWrap, T0);

        SensorClock.Reading after = clock.read(3_500, T0 + 5_000);

        assertThat(after.wrapped()).isTrue();
        assertThat(after.timeMillis()).isEqualTo(T0 + 5_000);
        assertThat(clock.read(8_500, T0 + 10_010).timeMillis()).isEqualTo(T0 + 10_000);
    }

    @Test
    void unwrapsACounterThatWrapsAt2To32() {
        SensorClock clock = new SensorClock(500);
        clock.read((1L << 32) - 2_000, T0);
        clock.read((1L << 32) - 1_000, T0 + 1_000); // above 2^30: only 2^32 can wrap now

        SensorClock.Reading after = clock.read(4_000, T0 + 6_000);

        assertThat(after.wrapped()).isTrue();
        assertThat(after.timeMillis()).isEqualTo(T0 + 6_000);
    }

    @Test
    void aSmallStepBackIsNotAWrap() {
        // below 2^30 both moduli are candidates; the receive clock says only 20 ms passed
        SensorClock clock = new SensorClock(500);
        clock.read(1_000_000, T0);

        SensorClock.Reading backwards = clock.read(999_990, T0 + 20);

        assertThat(backwards.wrapped()).as("a 10 ms step back is not a wrap").isFalse();
        assertThat(backwards.timeMillis()).isEqualTo(T0 - 10);
    }

    @Test
    void epochMillisecondsFromPhonesNeverWrapAndAnchorToo() {
        SensorClock clock = new SensorClock(500);
        long phoneClock = T0 + 7_000; // the phone's clock is 7 s ahead

        SensorClock.Reading first = clock.read(phoneClock, T0 + 30);
        SensorClock.Reading second = clock.read(phoneClock + 4_321, T0 + 4_321 + 25);

        assertThat(first.timeMillis()).isEqualTo(T0 + 30);
        assertThat(second.timeMillis() - first.timeMillis()).isEqualTo(4_321);
        assertThat(second.wrapped()).isFalse();
    }

    @Test
    void adoptsTheAnchorOfAnEarlierConnectionOnlyWhenNotAnchored() {
        SensorClock clock = new SensorClock(500);

        clock.adopt(50_000, T0, T0 + 4_000); // re-sent lap: counter 50 000 was at T0
        SensorClock.Reading next = clock.read(55_000, T0 + 5_020);

        assertThat(next.firstAnchor()).isFalse();
        assertThat(next.timeMillis()).isEqualTo(T0 + 5_000);

        clock.adopt(0, 0, T0 + 6_000);
        assertThat(clock.offsetMillis()).isEqualTo(T0 - 50_000);
    }
}
