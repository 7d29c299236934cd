package io.pitwall.ingest.lapsnapper.stream;

import static io.pitwall.ingest.lapsnapper.stream.EpochTracker.Verdict.NEW_EPOCH;
import static io.pitwall.ingest.lapsnapper.stream.EpochTracker.Verdict.NEXT;
import static io.pitwall.ingest.lapsnapper.stream.EpochTracker.Verdict.OUT_OF_ORDER;
import static io.pitwall.ingest.lapsnapper.stream.EpochTracker.Verdict.RESENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.lapsnapper.stream.EpochTracker.Assignment;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EpochTrackerTest {

    static final StreamKey KEY = new StreamKey("spa", 10022);
    static final long T0 = 1_767_225_600_000L;

    final AtomicLong wallClock = new AtomicLong(5_000);
    final EpochTracker tracker = EpochTracker.fresh(KEY, wallClock::get);

    Assignment event(long id, int transponder, long time) {
        return tracker.assign(id, transponder, 1, time, 1);
    }

    @Test
    void theFirstEventStartsAnEpochStampedWithTheWallClockAndTheNextOnesContinueIt() {
        Assignment first = event(157, 10003, T0);
        wallClock.set(9_000);
        Assignment second = event(158, 10004, T0 + 11_000);
        Assignment afterGap = event(170, 10003, T0 + 60_000);

        assertThat(first.verdict()).isEqualTo(NEW_EPOCH);
        assertThat(first.epoch()).isEqualTo(5_000);
        assertThat(second).isEqualTo(new Assignment(5_000, NEXT, ""));
        assertThat(afterGap.verdict()).isEqualTo(NEXT);
        assertThat(tracker.position()).contains(new StreamPosition(KEY, 5_000, 170, T0 + 60_000));
    }

    @Test
    void aBacklogArrivingOutOfOrderStaysInTheEpoch() {
        event(10, 1, T0 + 10_000);
        event(14, 5, T0 + 14_000);
        assertThat(event(12, 3, T0 + 12_000).verdict()).isEqualTo(OUT_OF_ORDER);
        assertThat(event(11, 2, T0 + 11_000).verdict()).isEqualTo(OUT_OF_ORDER);
        assertThat(event(13, 4, T0 + 13_000)).isEqualTo(new Assignment(5_000, OUT_OF_ORDER, ""));
        assertThat(tracker.position().orElseThrow().highestSequence()).isEqualTo(14);
    }

    @Test
    void theSameEventSentAgainAfterAReconnectIsRecognised() {
        event(157, 10003, T0);
        event(158, 10004, T0 + 1_000);
        assertThat(event(157, 10003, T0)).isEqualTo(new Assignment(5_000, RESENT, ""));
        assertThat(event(158, 10004, T0 + 1_000).verdict()).isEqualTo(RESENT);
    }

    @Test
    void anIdSeenBeforeWithOtherContentMeansTheNumberingRestarted() {
        event(1, 10003, T0);
        event(2, 10004, T0 + 1_000);
        event(3, 10005, T0 + 2_000);
        wallClock.set(6_000);

        Assignment restarted = event(1, 10004, T0 + 3_000);

        assertThat(restarted.verdict()).isEqualTo(NEW_EPOCH);
        assertThat(restarted.epoch()).isEqualTo(6_000);
        assertThat(restarted.reason()).contains("seen again");
        // the new run goes on in the new epoch; the old ids are forgotten
        assertThat(event(2, 10003, T0 + 4_000)).isEqualTo(new Assignment(6_000, NEXT, ""));
        assertThat(event(3, 10003, T0 + 5_000).verdict()).isEqualTo(NEXT);
    }

    @Test
    void aLowerUnseenIdWithAMuchLaterTimeMeansTheNumberingRestarted() {
        EpochTracker restored = EpochTracker.restore(new StreamPosition(KEY, 4_000, 900, T0), wallClock::get);

        assertThat(restored.assign(880, 7, 1, T0 - 5_000, 1)).isEqualTo(new Assignment(4_000, OUT_OF_ORDER, ""));
        assertThat(restored.assign(901, 7, 1, T0 + 1_000, 1)).isEqualTo(new Assignment(4_000, NEXT, ""));
        Assignment restart = restored.assign(1, 7, 1, T0 + 1_000 + EpochTracker.TIME_TOLERANCE_MILLIS + 1, 1);
        assertThat(restart.verdict()).isEqualTo(NEW_EPOCH);
        assertThat(restart.reason()).contains("went back from 901 to 1");
        assertThat(restart.epoch()).isEqualTo(5_000);
    }

    @Test
    void epochsGrowStrictlyEvenWhenTheWallClockDoesNot() {
        EpochTracker restored = EpochTracker.restore(new StreamPosition(KEY, 8_000, 3, T0), wallClock::get);
        // after a restart the ids seen before are unknown: an id at or below the stored highest is a re-send
        assertThat(restored.assign(3, 9, 1, T0 + 5, 1).verdict()).isEqualTo(OUT_OF_ORDER);

        assertThat(restored.assign(1, 9, 1, T0 + 50_000, 1).epoch()).isEqualTo(8_000 + 1);
        assertThat(restored.assign(1, 10, 1, T0 + 50_001, 1).epoch()).isEqualTo(8_000 + 2);
    }

    @Test
    void onlyAssignmentsThatMoveThePositionChangeTheVersion() {
        event(5, 1, T0);
        long v = tracker.version();
        event(5, 1, T0);          // resent
        event(4, 1, T0 - 100);    // late
        assertThat(tracker.version()).isEqualTo(v);
        event(6, 1, T0 + 100);
        assertThat(tracker.version()).isGreaterThan(v);
    }
}
