package io.pitwall.simulator.smartrace;

import java.time.Instant;

/**
 * A frame the server sent to the sensor.
 *
 * @param type       its {@code type}, or "" when it was not a JSON object with a string type
 * @param text       the exact text
 * @param connection which connection it came in on
 * @param receivedAt when
 */
public record ServerFrame(String type, String text, int connection, Instant receivedAt) {
}
