package io.pitwall.ingest.ctp01.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.ctp01.resume.StreamProgress.Admission;
import io.pitwall.ingest.ctp01.resume.StreamProgress.Ticket;
import io.pitwall.ingest.ctp01.testing.InMemoryResumeStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StreamProgressTest {

    private static final StreamKey KEY = new StreamKey("spa", "box", "finish");
    private final InMemoryResumeStore store = new InMemoryResumeStore();
    private final Object connection = new Object();

    private StreamProgress progress(int stored) {
        store.with(KEY, stored);
        StreamProgress progress = new ResumeTracker(store).progress(KEY);
        progress.claim(connection, null);
        return progress;
    }

    @Test
    void thePositionMovesOnlyOverTheContiguousAcknowledgedPrefix() {
        StreamProgress progress = progress(10);
        Ticket t11 = progress.admit(connection, 11);
        Ticket t12 = progress.admit(connection, 12);
        Ticket t13 = progress.admit(connection, 13);

        progress.settle(t13, true);
        progress.settle(t12, true);
        assertThat(progress.committed()).isEqualTo(10);
        assertThat(store.saves()).isEmpty();

        progress.settle(t11, true);
        assertThat(progress.committed()).isEqualTo(13);
        assertThat(store.saves()).containsExactly("finish=13");
        assertThat(store.sequence(KEY)).isEqualTo(13);
    }

    @Test
    void skippedSequencesDoNotHoldThePositionBackAndAreReportedAsGaps() {
        StreamProgress progress = progress(0);
        Ticket t1 = progress.admit(connection, 1);
        Ticket t4 = progress.admit(connection, 4);
        assertThat(t1.gapBefore()).isZero();
        assertThat(t4.gapBefore()).isEqualTo(2);
        progress.settle(t4, true);
        progress.settle(t1, true);
        assertThat(progress.committed()).isEqualTo(4);
    }

    @Test
    void anythingAtOrBeforeWhatWasAdmittedIsADuplicate() {
        StreamProgress progress = progress(10);
        assertThat(progress.admit(connection, 10).admission()).isEqualTo(Admission.DUPLICATE);
        assertThat(progress.admit(connection, 3).admission()).isEqualTo(Admission.DUPLICATE);
        assertThat(progress.admit(connection, 11).admission()).isEqualTo(Admission.ACCEPTED);
        assertThat(progress.admit(connection, 11).admission()).isEqualTo(Admission.DUPLICATE);
    }

    @Test
    void aFailureStopsThePositionBeforeItAndTheNextOwnerResumesThere() {
        StreamProgress progress = progress(0);
        Ticket t1 = progress.admit(connection, 1);
        Ticket t2 = progress.admit(connection, 2);
        Ticket t3 = progress.admit(connection, 3);
        progress.settle(t1, true);
        progress.settle(t2, false);
        assertThat(progress.admit(connection, 4).admission()).as("a broken stream takes nothing more")
                .isEqualTo(Admission.REFUSED);

        Object reconnected = new Object();
        CompletableFuture<StreamProgress.Resume> resume = progress.claim(reconnected, null).toCompletableFuture();
        assertThat(resume).as("3 is still in flight").isNotDone();
        progress.settle(t3, true);
        assertThat(resume).isCompletedWithValue(new StreamProgress.Resume(1, 0));
        assertThat(progress.committed()).isEqualTo(1);
        assertThat(progress.admit(reconnected, 2).admission()).as("2 and 3 come again").isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void aNewOwnerWaitsForTheOldOwnersEventsAndTheOldOwnerIsRefused() {
        StreamProgress progress = progress(5);
        Ticket t6 = progress.admit(connection, 6);
        Object newer = new Object();
        CompletableFuture<StreamProgress.Resume> resume = progress.claim(newer, null).toCompletableFuture();
        assertThat(progress.admit(connection, 7).admission()).isEqualTo(Admission.REFUSED);
        assertThat(resume).isNotDone();

        progress.settle(t6, true);
        assertThat(resume).isCompletedWithValue(new StreamProgress.Resume(6, 0));
        assertThat(progress.claim(new Object(), null).toCompletableFuture()).as("nothing in flight: at once")
                .isCompletedWithValue(new StreamProgress.Resume(6, 0));
    }

    @Test
    void aClientWithAnotherEventStartsANewEpochFromTheBeginning() {
        store.with(KEY, new ResumeStore.Position(120, 0, "12"));
        StreamProgress progress = new ResumeTracker(store).progress(KEY);
        assertThat(progress.claim(connection, "12").toCompletableFuture())
                .isCompletedWithValue(new StreamProgress.Resume(120, 0));

        Object nextDay = new Object();
        assertThat(progress.claim(nextDay, "13").toCompletableFuture())
                .isCompletedWithValue(new StreamProgress.Resume(0, 1));
        assertThat(store.position(KEY)).isEqualTo(new ResumeStore.Position(0, 1, "13"));
        Ticket first = progress.admit(nextDay, 1);
        assertThat(first.admission()).isEqualTo(Admission.ACCEPTED);
        assertThat(first.epoch()).isEqualTo(1);
        progress.settle(first, true);
        assertThat(store.position(KEY)).isEqualTo(new ResumeStore.Position(1, 1, "13"));

        assertThat(progress.claim(new Object(), null).toCompletableFuture()).as("an unknown event id changes nothing")
                .isCompletedWithValue(new StreamProgress.Resume(1, 1));
    }

    @Test
    void theFirstEventIdReportedIsAdoptedWithoutANewEpoch() {
        store.with(KEY, 40);
        StreamProgress progress = new ResumeTracker(store).progress(KEY);
        assertThat(progress.claim(connection, "7").toCompletableFuture())
                .isCompletedWithValue(new StreamProgress.Resume(40, 0));
        assertThat(store.position(KEY)).isEqualTo(new ResumeStore.Position(40, 0, "7"));
    }

    @Test
    void releasingLetsNobodyAdmitUntilClaimedAgain() {
        StreamProgress progress = progress(0);
        progress.release(new Object());
        assertThat(progress.admit(connection, 1).admission()).as("release by a non-owner changes nothing")
                .isEqualTo(Admission.ACCEPTED);
        progress.release(connection);
        assertThat(progress.admit(connection, 2).admission()).isEqualTo(Admission.REFUSED);
    }

    @Test
    void aTicketIsSettledOnce() {
        StreamProgress progress = progress(0);
        Ticket ticket = progress.admit(connection, 1);
        progress.settle(ticket, true);
        assertThatThrownBy(() -> progress.settle(ticket, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> progress.settle(progress.admit(connection, 1), true))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Acknowledgements in any order: the stored position is always a prefix of what was acknowledged. */
    @RepeatedTest(20)
    void anyAcknowledgementOrderEndsAtTheLastSequenceAndNeverStoresBeyondAGap() {
        StreamProgress progress = progress(0);
        List<Ticket> tickets = new ArrayList<>();
        for (int sequence = 1; sequence <= 200; sequence++) {
            tickets.add(progress.admit(connection, sequence));
        }
        List<Ticket> order = new ArrayList<>(tickets);
        Collections.shuffle(order, new Random());
        boolean[] acked = new boolean[201];
        for (Ticket ticket : order) {
            progress.settle(ticket, true);
            acked[ticket.sequence()] = true;
            int committed = progress.committed();
            for (int s = 1; s <= committed; s++) {
                assertThat(acked[s]).as("stored position %d covers unacknowledged %d", committed, s).isTrue();
            }
            assertThat(committed == 200 || !acked[committed + 1]).as("position stops only at a hole").isTrue();
        }
        assertThat(progress.committed()).isEqualTo(200);
        assertThat(progress.unsettled()).isZero();
    }
}
