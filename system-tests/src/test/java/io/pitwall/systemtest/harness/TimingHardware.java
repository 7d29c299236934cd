package io.pitwall.systemtest.harness;

import io.pitwall.simulator.race.DetectorRead;

/**
 * Simulated timing hardware of one venue (a protocol simulator of the {@code simulator} module) connected to —
 * or, for LapSnapper, connected to by — the venue's ingest. It turns the reads of a {@link HardwareRace} into
 * what that hardware sends; its simulator is reachable for fault switches.
 */
public interface TimingHardware extends AutoCloseable {

    /** Reports one read now (its time is the read's own, possibly long past). */
    void send(DetectorRead read);

    /** Connected (and handshaken) with its ingest, so reads go out at once. */
    boolean isReady();

    @Override
    void close();
}
