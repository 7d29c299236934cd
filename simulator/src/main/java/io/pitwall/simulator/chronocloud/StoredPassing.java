package io.pitwall.simulator.chronocloud;

import java.time.Instant;

/**
 * One row of the station's passing table: what to (re-)send until the server confirms it. Mutable
 * fields are guarded by the simulator's lock.
 */
final class StoredPassing {

    private final SentPassing passing;
    private boolean confirmed;
    /** Connection generation the passing was last written to; only that connection's {@code bumb-} can confirm it. */
    private long sentOnConnection = -1;
    private int sends;

    StoredPassing(SentPassing passing) {
        this.passing = passing;
    }

    SentPassing passing() {
        return passing;
    }

    long id() {
        return passing.id();
    }

    String round() {
        return passing.round();
    }

    String transponder() {
        return passing.transponder();
    }

    Instant time() {
        return passing.time();
    }

    String stationType() {
        return passing.stationType();
    }

    int hits() {
        return passing.hits();
    }

    int lap() {
        return passing.lap();
    }

    boolean confirmed() {
        return confirmed;
    }

    void confirm() {
        confirmed = true;
    }

    void sentOn(long connection) {
        sentOnConnection = connection;
        sends++;
    }

    long sentOnConnection() {
        return sentOnConnection;
    }

    int sends() {
        return sends;
    }
}
