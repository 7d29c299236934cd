package io.pitwall.simulator.smartrace;

import java.time.Instant;

/**
 * A frame the sensor wrote to the server.
 *
 * @param text       the exact text
 * @param connection which connection it went out on (1 = the first)
 * @param resent     true for a lap re-sent after a reconnect
 * @param sentAt     when
 */
public record SentFrame(String text, int connection, boolean resent, Instant sentAt) {
}
