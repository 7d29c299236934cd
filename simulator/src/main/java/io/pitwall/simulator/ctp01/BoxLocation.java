package io.pitwall.simulator.ctp01;

import java.time.Instant;

/**
 * A timing location of the simulated box.
 *
 * @param ordinal     1 for the box's first location, and so on
 * @param readerId    the reader that produces this location's observations
 * @param connectedAt when the location's link to the box came up; the time of its new-location
 *                    event
 */
public record BoxLocation(String name, int ordinal, String readerId, Instant connectedAt) {
}
