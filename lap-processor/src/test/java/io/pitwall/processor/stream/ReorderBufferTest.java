package io.pitwall.processor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dedupe and reorder per stream (DESIGN.md, lap processor semantics 1-3). */
class ReorderBufferTest {

    private ReorderBuffer buffer;

    @BeforeEach
    void setUp() {
        buffer = new ReorderBuffer(new InMemoryReorderStore(), Duration.ofSeconds(2));
    }

    @Test
    void shouldForwardTheNextExpectedSequenceAtOnce() {
        assertThat(sequences(buffer.offer(passing("d1", 0, 1), 0))).containsExactly(1L);
        assertThat(sequences(buffer.offer(passing("d1", 0, 2), 10))).containsExactly(2L);
    }

    @Test
    void shouldDropDuplicatePassingAndCountIt() {
        buffer.offer(passing("d1", 0, 1), 0);
        buffer.offer(passing("d1", 0, 3), 0); // held

        ReorderOutcome forwardedTwice = buffer.offer(passing("d1", 0, 1), 5);
        ReorderOutcome heldTwice = buffer.offer(passing("d1", 0, 3), 5);

        assertThat(forwardedTwice.forwarded()).isEmpty();
        assertThat(forwardedTwice.duplicates()).isEqualTo(1);
        assertThat(heldTwice.forwarded()).isEmpty();
        assertThat(heldTwice.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldForwardContiguousRunWhenGapFills() {
        buffer.offer(passing("d1", 0, 1), 0);
        assertThat(buffer.offer(passing("d1", 0, 4), 10).forwarded()).isEmpty();
        assertThat(buffer.offer(passing("d1", 0, 3), 20).forwarded()).isEmpty();
        buffer.offer(passing("d1", 0, 6), 30);

        ReorderOutcome filled = buffer.offer(passing("d1", 0, 2), 40);

        assertThat(sequences(filled)).containsExactly(2L, 3L, 4L);
        assertThat(sequences(buffer.offer(passing("d1", 0, 5), 50))).containsExactly(5L, 6L);
    }

    @Test
    void shouldSkipGapAfterMaxDelayAndRecordIt() {
        buffer.offer(passing("d1", 0, 1), 0);
        buffer.offer(passing("d1", 0, 4), 1_000);
        buffer.offer(passing("d1", 0, 5), 1_500);

        assertThat(buffer.expire(2_999).forwarded()).as("held for less than 2 s").isEmpty();
        ReorderOutcome expired = buffer.expire(3_000);

        assertThat(sequences(expired)).containsExactly(4L, 5L);
        assertThat(expired.skippedGaps()).containsExactly(new SkippedGap(new StreamKey("venue", "d1", 0), 2, 4));
        assertThat(sequences(buffer.offer(passing("d1", 0, 6), 3_100))).containsExactly(6L);
    }

    @Test
    void shouldKeepTheDeadlineOfALaterGap() {
        buffer.offer(passing("d1", 0, 1), 0);
        buffer.offer(passing("d1", 0, 3), 0);
        buffer.offer(passing("d1", 0, 6), 1_900);

        ReorderOutcome first = buffer.expire(2_000);

        assertThat(sequences(first)).containsExactly(3L);
        assertThat(sequences(buffer.expire(3_899))).isEmpty();
        assertThat(sequences(buffer.expire(3_900))).containsExactly(6L);
    }

    @Test
    void shouldForwardALatePassingAfterItsGapWasSkipped() {
        buffer.offer(passing("d1", 0, 1), 0);
        buffer.offer(passing("d1", 0, 3), 0);
        buffer.expire(5_000);

        ReorderOutcome late = buffer.offer(passing("d1", 0, 2), 6_000);
        ReorderOutcome lateAgain = buffer.offer(passing("d1", 0, 2), 6_100);

        assertThat(sequences(late)).containsExactly(2L);
        assertThat(late.late()).isEqualTo(1);
        assertThat(lateAgain.forwarded()).isEmpty();
        assertThat(lateAgain.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldForwardSequencesBelowTheFirstOneSeenAsLate() {
        buffer.offer(passing("d1", 0, 10), 0);

        assertThat(sequences(buffer.offer(passing("d1", 0, 9), 10))).containsExactly(9L);
        assertThat(buffer.offer(passing("d1", 0, 9), 20).duplicates()).isEqualTo(1);
    }

    @Test
    void shouldTreatANewEpochAsANewStream() {
        buffer.offer(passing("d1", 0, 1), 0);
        buffer.offer(passing("d1", 0, 2), 0);

        assertThat(sequences(buffer.offer(passing("d1", 1, 1), 10))).as("restarted numbering").containsExactly(1L);
        assertThat(sequences(buffer.offer(passing("d2", 0, 1), 10))).as("another decoder").containsExactly(1L);
    }

    @Test
    void shouldOrderStoreKeysNumerically() {
        StreamKey stream = new StreamKey("venue", "d1", 3);
        List<byte[]> keys = new ArrayList<>();
        for (long sequence : new long[] {-5, 0, 1, 255, 256, 65_536, Long.MAX_VALUE}) {
            keys.add(StoreKeys.sequence(stream, sequence));
        }
        for (int i = 1; i < keys.size(); i++) {
            assertThat(java.util.Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).isNegative();
        }
        assertThat(StoreKeys.sequenceOf(keys.get(3))).isEqualTo(255);
        assertThat(StoreKeys.streamOf(StoreKeys.stream(stream))).isEqualTo(stream);
    }

    @Test
    void shouldRoundTripAStreamPosition() {
        StreamPosition position = StreamPosition.startingAt(7);
        position.missing().add(9, 12);
        position.missing().remove(10);

        StreamPosition copy = StreamPosition.fromBytes(position.toBytes());

        assertThat(copy).isEqualTo(position);
        assertThat(copy.missing().contains(9)).isTrue();
        assertThat(copy.missing().contains(10)).isFalse();
        assertThat(copy.missing().contains(11)).isTrue();
        assertThat(copy.missing().contains(6)).isTrue();
    }

    private static List<Long> sequences(ReorderOutcome outcome) {
        return outcome.forwarded().stream().map(Passing::getSequence).toList();
    }

    static Passing passing(String stream, long epoch, long sequence) {
        Instant time = Instant.parse("2026-05-17T13:00:00Z").plusSeconds(sequence);
        return Passing.newBuilder().setVenueId("venue").setSource(Source.CTP01).setStreamId(stream)
                .setStreamEpoch(epoch).setSequence(sequence).setTransponder("tx1").setPassingTime(time)
                .setLine(LineKind.FINISH).setReceivedAt(time).build();
    }
}
