package io.pitwall.ingest.core.publish;

import static io.pitwall.ingest.core.publish.OutstandingRecords.Acquire.ACCEPTED;
import static io.pitwall.ingest.core.publish.OutstandingRecords.Acquire.ACCEPTED_NOW_UNWRITABLE;
import static io.pitwall.ingest.core.publish.OutstandingRecords.Acquire.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutstandingRecordsTest {

    @Test
    void turnsUnwritableAtHighWaterRejectsAtTheLimitAndRecoversOnlyAtLowWater() {
        OutstandingRecords records = new OutstandingRecords(5, 3, 1);

        assertThat(records.tryAcquire()).isEqualTo(ACCEPTED);
        assertThat(records.tryAcquire()).isEqualTo(ACCEPTED);
        assertThat(records.isWritable()).isTrue();
        assertThat(records.tryAcquire()).isEqualTo(ACCEPTED_NOW_UNWRITABLE);
        assertThat(records.isWritable()).isFalse();
        assertThat(records.tryAcquire()).isEqualTo(ACCEPTED);
        assertThat(records.tryAcquire()).isEqualTo(ACCEPTED);
        assertThat(records.tryAcquire()).isEqualTo(REJECTED);
        assertThat(records.count()).isEqualTo(5);

        assertThat(records.release()).isFalse();
        assertThat(records.release()).isFalse();
        assertThat(records.release()).isFalse();
        assertThat(records.isWritable()).as("hysteresis: still paused at 2 > low water 1").isFalse();
        assertThat(records.release()).isTrue();
        assertThat(records.isWritable()).isTrue();
        assertThat(records.count()).isEqualTo(1);
    }

    @Test
    void defaultWaterMarksAreThreeQuartersAndHalf() {
        OutstandingRecords records = OutstandingRecords.forLimit(10_000);
        assertThat(records.highWater()).isEqualTo(7_500);
        assertThat(records.lowWater()).isEqualTo(5_000);
        OutstandingRecords tiny = OutstandingRecords.forLimit(2);
        assertThat(tiny.highWater()).isEqualTo(1);
        assertThat(tiny.lowWater()).isZero();
    }

    @Test
    void progressMovesOnSettlementAndWhenAnIdlePublisherGetsWork() {
        AtomicLong clock = new AtomicLong(100);
        OutstandingRecords records = new OutstandingRecords(10, 5, 2, clock::get);
        assertThat(records.lastProgressNanos()).isEqualTo(100);

        clock.set(1_000);
        records.tryAcquire();
        assertThat(records.lastProgressNanos()).as("idle until now, so no stall").isEqualTo(1_000);

        clock.set(2_000);
        records.tryAcquire();
        assertThat(records.lastProgressNanos()).as("not idle: waiting for Kafka since 1000").isEqualTo(1_000);

        clock.set(3_000);
        records.release();
        assertThat(records.lastProgressNanos()).isEqualTo(3_000);
    }

    @Test
    void rejectsInconsistentMarksAndUnbalancedRelease() {
        assertThatThrownBy(() -> new OutstandingRecords(5, 6, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutstandingRecords(5, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutstandingRecords(5, 3, 1).release()).isInstanceOf(IllegalStateException.class);
    }
}
