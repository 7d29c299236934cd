package io.pitwall.ingest.chronocloud.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.chronocloud.codec.Confirmation;
import io.pitwall.ingest.chronocloud.session.Admission.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PassingLedgerTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_715_515_200_000L), ZoneOffset.UTC);
    static final StreamKey RACE = new StreamKey("ChronoFly-1", "166656", "Race 1");
    static final ConfirmationListener A = (c, d) -> { };
    static final ConfirmationListener B = (c, d) -> { };

    final PassingLedger ledger = new PassingLedger(5, 3, CLOCK);

    static PassingIdentity passing(String transponder, String time) {
        return new PassingIdentity(transponder, time);
    }

    @Test
    void newThenPendingThenStored() {
        assertThat(ledger.admit(RACE, 0, passing("7", "t0"), A)).isEqualTo(new Admission(Verdict.NEW, 0, true, false));
        assertThat(ledger.admit(RACE, 0, passing("7", "t0"), A)).isEqualTo(new Admission(Verdict.PENDING, 0, false, false));
        assertThat(ledger.admit(RACE, 0, passing("7", "t0"), B)).isEqualTo(new Admission(Verdict.PENDING, 0, true, false));
        assertThat(ledger.settle(RACE, 0, 0, true)).containsExactly(A, B);
        assertThat(ledger.admit(RACE, 0, passing("7", "t0"), B).verdict()).isEqualTo(Verdict.STORED);
        assertThat(ledger.settle(RACE, 0, 0, true)).as("settled once only").isEmpty();
    }

    @Test
    void aFailedPublishIsForgottenSoTheResendIsNew() {
        ledger.admit(RACE, 4, passing("7", "t4"), A);
        assertThat(ledger.settle(RACE, 0, 4, false)).containsExactly(A);
        assertThat(ledger.admit(RACE, 4, passing("7", "t4"), A).verdict()).isEqualTo(Verdict.NEW);
    }

    @Test
    void theSameIdWithAnotherPassingStartsAnEpochAndOldResendsAreStillKnown() {
        ledger.admit(RACE, 0, passing("7", "t0"), A);
        ledger.settle(RACE, 0, 0, true);
        ledger.admit(RACE, 1, passing("8", "t1"), A);

        Admission restarted = ledger.admit(RACE, 0, passing("9", "t9"), A);
        assertThat(restarted).isEqualTo(new Admission(Verdict.NEW, CLOCK.millis(), true, true));
        // passing 1 of the old numbering is still on its way and still recognised
        assertThat(ledger.admit(RACE, 1, passing("8", "t1"), B)).isEqualTo(new Admission(Verdict.PENDING, 0, true, false));
        assertThat(ledger.settle(RACE, 0, 1, true)).containsExactly(A, B);
        assertThat(ledger.admit(RACE, 0, passing("7", "t0"), A).verdict()).isEqualTo(Verdict.STORED);
        // the new numbering goes on in its own epoch
        assertThat(ledger.admit(RACE, 1, passing("10", "t10"), A).epoch()).isEqualTo(CLOCK.millis());
    }

    @Test
    void epochsAlwaysGrowEvenWithAClockThatDoesNot() {
        ledger.admit(RACE, 0, passing("7", "t0"), A);
        long first = ledger.admit(RACE, 0, passing("8", "t1"), A).epoch();
        long second = ledger.admit(RACE, 0, passing("9", "t2"), A).epoch();
        assertThat(first).isEqualTo(CLOCK.millis());
        assertThat(second).isEqualTo(CLOCK.millis() + 1);
    }

    @Test
    void passingsStillOnTheirWayOutliveTwoRestartsAndSettle() {
        ledger.admit(RACE, 0, passing("7", "t0"), A);
        ledger.admit(RACE, 0, passing("8", "t1"), A);
        ledger.admit(RACE, 0, passing("9", "t2"), A);
        assertThat(ledger.settle(RACE, 0, 0, true)).as("epoch 0 is two restarts back").containsExactly(A);
    }

    @Test
    void theWindowForgetsTheOldestStoredIdsButNeverPendingOnes() {
        for (long id = 0; id < 5; id++) {
            ledger.admit(RACE, id, passing("t" + id, "t" + id), A);
        }
        ledger.settle(RACE, 0, 1, true);
        ledger.settle(RACE, 0, 2, true);
        ledger.admit(RACE, 5, passing("t5", "t5"), A);
        ledger.admit(RACE, 6, passing("t6", "t6"), A);

        assertThat(ledger.admit(RACE, 1, passing("t1", "t1"), A).verdict()).as("forgotten").isEqualTo(Verdict.NEW);
        assertThat(ledger.admit(RACE, 0, passing("t0", "t0"), B).verdict()).as("pending, kept").isEqualTo(Verdict.PENDING);
    }

    @Test
    void theLeastRecentlyUsedNumberingIsForgottenUnlessSomethingIsPending() {
        StreamKey heat1 = new StreamKey("s", "c", "Heat 1");
        ledger.admit(heat1, 0, passing("7", "t"), A);
        for (int heat = 2; heat <= 4; heat++) {
            StreamKey key = new StreamKey("s", "c", "Heat " + heat);
            ledger.admit(key, 0, passing("7", "t"), A);
            ledger.settle(key, 0, 0, true);
        }
        assertThat(ledger.streams()).isEqualTo(3);
        assertThat(ledger.admit(heat1, 0, passing("7", "t"), B).verdict()).as("pending, kept").isEqualTo(Verdict.PENDING);
        assertThat(ledger.admit(new StreamKey("s", "c", "Heat 2"), 0, passing("7", "t"), B).verdict())
                .as("stored and least recently used: forgotten").isEqualTo(Verdict.NEW);
    }

    @Test
    void confirmationGateWaitsForEveryHolderOfTheSameText() {
        ConfirmationGate gate = new ConfirmationGate();
        Confirmation bumb0 = new Confirmation("bumb-0");
        gate.hold(bumb0);
        gate.hold(bumb0);
        assertThat(gate.confirmNow(bumb0)).isFalse();
        assertThat(gate.confirmNow(Confirmation.PONG)).isTrue();
        assertThat(gate.release(bumb0)).isFalse();
        assertThat(gate.release(bumb0)).isTrue();
        assertThat(gate.confirmNow(bumb0)).isTrue();
        assertThat(gate.heldTexts()).isZero();
        assertThat(gate.release(Confirmation.PONG)).as("never held").isFalse();
    }
}
