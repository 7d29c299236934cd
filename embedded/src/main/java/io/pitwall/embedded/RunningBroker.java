package io.pitwall.embedded;

import java.time.Duration;
import java.util.OptionalLong;

/** A started broker, in this JVM or in a child process. */
interface RunningBroker {

    boolean isAlive();

    /** Clean, controlled shutdown. */
    void stop(Duration grace);

    /** An abrupt end without shutdown, where the mode allows it. */
    void kill();

    /** What and where it is, for log lines: "in-JVM", "child process pid 1234". */
    String describe();

    OptionalLong residentSetSizeBytes();

    /** Extra text for an error message when the broker did not come up (e.g. the tail of its log). */
    String diagnostics();
}
