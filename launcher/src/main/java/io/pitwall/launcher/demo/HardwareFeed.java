package io.pitwall.launcher.demo;

import io.pitwall.events.LineKind;
import java.time.Instant;

/**
 * The simulated timing hardware of one venue: the protocol's simulator from the {@code simulator} module,
 * connected to (or, for LapSnapper, connected to by) the venue's ingest service. The venue driver tells it what
 * the cars do; it turns that into what that hardware would send.
 */
public interface HardwareFeed extends AutoCloseable {

    /** A read of {@code transponder} on a line, with the sector number for SECTOR lines. */
    record Read(String transponder, String name, LineKind line, Integer index, Instant at) {
    }

    /** What it is, for progress lines, e.g. "LapSnapper server on port 9001". */
    String describe();

    /** Connected (and handshaken) with its ingest, so reads go out at once. */
    boolean isReady();

    /** A new session starts (ChronoFly selects a new round, ...). */
    default void newSession(String sessionId) {
    }

    /**
     * The transponder this hardware reports for a generated car's transponder: the same by default; Smartrace
     * identifies cars by controller number.
     */
    default String transponder(String generated, int carIndex) {
        return generated;
    }

    /** Reports one read, now (its time may lie a few milliseconds in the past). */
    void send(Read read);

    @Override
    void close();
}
