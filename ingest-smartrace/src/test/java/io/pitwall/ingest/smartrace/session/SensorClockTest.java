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

    @Test
    void shouldKeepTheAnchorAcrossAReconnectWhenTheCounterContinues() {
        SensorClock before = new SensorClock(500);
        before.read(100_000, T0 + 12);
        before.read(104_000, T0 + 4_015);
        SensorClock.Handover handover = before.handover().orElseThrow();

        // Wi-Fi gone: the car crosses at counter 106 000 (T0 + 6 s); the lap is re-sent on reconnect, 1.4 s later
        SensorClock after = new SensorClock(500);
        after.offer(handover);
        SensorClock.Reading resent = after.read(106_000, T0 + 7_400);
        SensorClock.Reading live = after.read(109_000, T0 + 9_030);

        assertThat(resent.carriedOver()).isTrue();
        assertThat(resent.firstAnchor()).as("the new connection's first anchor, reported").isTrue();
        assertThat(resent.timeMillis()).as("the crossing made while disconnected, at its exact time")
                .isEqualTo(T0 + 12 + 6_000);
        assertThat(live.timeMillis() - resent.timeMillis()).isEqualTo(3_000);
        assertThat(live.carriedOver()).isFalse();

        SensorClock fresh = new SensorClock(500);
        assertThat(fresh.read(106_000, T0 + 7_400).timeMillis()).as("what anchoring afresh would do: 1.4 s late")
                .isEqualTo(T0 + 7_400);
    }

    @Test
    void shouldAnchorAfreshWhenTheSensorRebooted() {
        SensorClock before = new SensorClock(500);
        before.read(5_000_000, T0);

        SensorClock after = new SensorClock(500);
        after.offer(before.handover().orElseThrow());
        SensorClock.Reading first = after.read(1_200, T0 + 9_000); // ms since the new boot

        assertThat(first.carriedOver()).isFalse();
        assertThat(first.firstAnchor()).isTrue();
        assertThat(first.wrapped()).isFalse();
        assertThat(first.timeMillis()).isEqualTo(T0 + 9_000);
    }

    @Test
    void aCounterAheadOfTheReceiveClockIsAnotherSensorAndAnchoredAfresh() {
        SensorClock before = new SensorClock(500);
        before.read(100_000, T0);

        SensorClock after = new SensorClock(500);
        after.offer(before.handover().orElseThrow());
        // 2 s passed on the receive clock, 2.6 s on the counter: not the same sensor (two behind one NAT)
        SensorClock.Reading first = after.read(102_600, T0 + 2_000);

        assertThat(first.carriedOver()).isFalse();
        assertThat(first.timeMillis()).isEqualTo(T0 + 2_000);

        SensorClock withinTolerance = new SensorClock(500);
        withinTolerance.offer(before.handover().orElseThrow());
        assertThat(withinTolerance.read(102_400, T0 + 2_000).carriedOver()).as("400 ms is jitter").isTrue();
    }

    @Test
    void continuesAcrossAWrapDuringTheOutage() {
        SensorClock before = new SensorClock(500);
        before.read((1L << 30) - 500, T0);

        SensorClock after = new SensorClock(500);
        after.offer(before.handover().orElseThrow());
        SensorClock.Reading first = after.read(1_000, T0 + 2_300); // crossed at T0 + 1.5 s, re-sent 0.8 s later

        assertThat(first.carriedOver()).isTrue();
        assertThat(first.wrapped()).isTrue();
        assertThat(first.timeMillis()).isEqualTo(T0 + 1_500);
    }

    @Test
    void aContinuedClockWinsOverTheRecordedTimeOfAReSentLap() {
        SensorClock before = new SensorClock(500);
        before.read(100_000, T0 + 2_000); // anchored 2 s late: the recorded time of this lap is 2 s off
        before.read(110_000, T0 + 10_000); // re-anchored by the next lap
        SensorClock.Handover handover = before.handover().orElseThrow();

        SensorClock after = new SensorClock(500);
        after.offer(handover);
        after.adopt(110_000, T0 + 12_000, T0 + 11_000); // the re-send of the last lap, with its recorded time

        assertThat(after.offsetMillis()).isEqualTo(T0 - 100_000);
        assertThat(after.read(114_000, T0 + 14_020).timeMillis()).isEqualTo(T0 + 14_000);
    }

    @Test
    void anOfferAfterTheFirstReadingIsIgnored() {
        SensorClock clock = new SensorClock(500);
        clock.read(10_000, T0);

        clock.offer(new SensorClock.Handover(9_000, T0 - 5_000, T0 - 5_000));

        assertThat(clock.read(11_000, T0 + 1_000).timeMillis()).isEqualTo(T0 + 1_000);
        assertThat(clock.handover()).contains(new SensorClock.Handover(11_000, T0 + 1_000, T0 + 1_000));
        assertThat(new SensorClock(500).handover()).as("nothing to hand over before a reading").isEmpty();
    }
}
