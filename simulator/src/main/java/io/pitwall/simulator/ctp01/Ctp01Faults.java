package io.pitwall.simulator.ctp01;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Misbehaviour to switch on while a client runs, the ways real boxes and networks fail. Thread-safe.
 */
public final class Ctp01Faults {

    private final AtomicBoolean disconnectMidLine = new AtomicBoolean();
    private volatile boolean duplicateLines;
    private volatile boolean garbageLines;
    private volatile boolean wrongPassword;
    private volatile boolean holdingBurst;
    private volatile Runnable burstReleased = () -> { };

    /**
     * The next tag event line is cut after half its bytes and the connection dropped, as when a
     * network cable is pulled. The event stays on the box for the server to resume.
     */
    public void disconnectMidNextLine() {
        disconnectMidLine.set(true);
    }

    /** Every tag event line is written twice (in pull mode both copies count in the item count). */
    public void duplicateLines(boolean on) {
        duplicateLines = on;
    }

    /** A garbage line (junk text, a broken tag line, invalid UTF-8, an empty line) before each answer. */
    public void garbageLines(boolean on) {
        garbageLines = on;
    }

    /** The box authorizes with a wrong password. */
    public void wrongPassword(boolean on) {
        wrongPassword = on;
    }

    /** Push output is held back from now on, to leave in one burst on {@link #releaseBurst()}. */
    public void holdBurst() {
        holdingBurst = true;
    }

    public void releaseBurst() {
        holdingBurst = false;
        burstReleased.run();
    }

    boolean takeDisconnectMidLine() {
        return disconnectMidLine.getAndSet(false);
    }

    boolean duplicateLines() {
        return duplicateLines;
    }

    boolean garbageLines() {
        return garbageLines;
    }

    boolean wrongPassword() {
        return wrongPassword;
    }

    boolean holdingBurst() {
        return holdingBurst;
    }

    void onBurstReleased(Runnable action) {
        burstReleased = action;
    }
}
