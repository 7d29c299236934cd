package io.pitwall.simulator.lapsnapper;

/**
 * Misbehaviour of a real LapSnapper installation, each switchable while the simulator runs. All off by default.
 * One-off faults (disconnecting everybody, injecting a bad frame) are methods of {@link LapSnapperSimulator}.
 */
public final class LapSnapperFaults {

    private volatile int outOfOrderBurst;
    private volatile int resendOnReconnect;
    private volatile boolean heartbeatsStalled;
    private volatile boolean splitWrites;
    private volatile int coalesceFrames;
    private volatile boolean decoderTimeUnavailable;

    /**
     * Hold back every {@code n} published time events and then send them shuffled, as a decoder whose USB link
     * dropped delivers its backlog (API 6.2: "older timestamps may arrive after newer ones"). 0 turns it off;
     * events still held go out with the next publish or {@link LapSnapperSimulator#releaseHeldEvents()}.
     */
    public LapSnapperFaults outOfOrderBurst(int n) {
        outOfOrderBurst = Math.max(0, n);
        return this;
    }

    /** After every successful handshake, send that client the last {@code n} time events again. 0 = off. */
    public LapSnapperFaults resendOnReconnect(int n) {
        resendOnReconnect = Math.max(0, n);
        return this;
    }

    /** Stop sending heartbeats while keeping connections open, so the client must notice the silence. */
    public LapSnapperFaults stallHeartbeats(boolean stalled) {
        heartbeatsStalled = stalled;
        return this;
    }

    /** Write every frame as several small TCP writes (1 to 8 bytes each, flushed one by one). */
    public LapSnapperFaults splitWrites(boolean split) {
        splitWrites = split;
        return this;
    }

    /** Send {@code n} frames at a time in one write; fewer if nothing more comes within 20 ms. 0 or 1 = off. */
    public LapSnapperFaults coalesceFrames(int n) {
        coalesceFrames = Math.max(0, n);
        return this;
    }

    /** Answer 6100 Get Decoder Time with 6102 Decoder Time Failed. */
    public LapSnapperFaults decoderTimeUnavailable(boolean unavailable) {
        decoderTimeUnavailable = unavailable;
        return this;
    }

    /** Every fault off. */
    public LapSnapperFaults reset() {
        outOfOrderBurst = 0;
        resendOnReconnect = 0;
        heartbeatsStalled = false;
        splitWrites = false;
        coalesceFrames = 0;
        decoderTimeUnavailable = false;
        return this;
    }

    public int outOfOrderBurst() {
        return outOfOrderBurst;
    }

    public int resendOnReconnect() {
        return resendOnReconnect;
    }

    public boolean heartbeatsStalled() {
        return heartbeatsStalled;
    }

    public boolean splitWrites() {
        return splitWrites;
    }

    public int coalesceFrames() {
        return coalesceFrames;
    }

    public boolean decoderTimeUnavailable() {
        return decoderTimeUnavailable;
    }
}
