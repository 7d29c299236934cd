package io.pitwall.simulator.lapsnapper;

import java.time.Instant;

/**
 * A frame a client sent to the simulator, kept for tests to inspect byte for byte.
 *
 * @param frame   the frame exactly as received, header included
 * @param outcome what the simulator did with it
 */
public record ReceivedCommand(Instant receivedAt, RawFrame frame, CommandOutcome outcome) {

    public int messageId() {
        return frame.messageId();
    }
}
