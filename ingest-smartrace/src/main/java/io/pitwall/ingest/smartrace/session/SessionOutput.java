package io.pitwall.ingest.smartrace.session;

import io.pitwall.ingest.smartrace.codec.RaceControlCommand;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import java.time.Duration;
import java.time.Instant;

/** What a {@link SensorSession} asks its connection to do, in order. */
public sealed interface SessionOutput {

    /** Send this to the sensor. */
    record Reply(ServerMessage message) implements SessionOutput {
    }

    /** Publish this crossing as a passing. */
    record Publish(Crossing crossing) implements SessionOutput {
    }

    /** The sensor pressed a race-control button at {@code at}. */
    record RaceControlRequest(RaceControlCommand command, Instant at) implements SessionOutput {
    }

    /** A re-sent crossing was recognised and dropped. */
    record Duplicate(RecentLaps.Key key) implements SessionOutput {
    }

    /** The sensor's counter was anchored, re-anchored or wrapped. */
    record ClockChanged(SensorClock.Reading reading) implements SessionOutput {
    }

    /** A pit leave waits for its lap (FLPL): call {@link SensorSession#flushPending} after this long. */
    record FlushAfter(Duration delay) implements SessionOutput {
    }
}
