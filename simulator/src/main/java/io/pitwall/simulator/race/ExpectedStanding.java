package io.pitwall.simulator.race;

/**
 * A line of the expected classification.
 *
 * @param bestLapMicros best valid lap, null if none
 * @param finished      took the chequered flag
 */
public record ExpectedStanding(int position, String carNumber, int laps, Long bestLapMicros, int pitStops,
                               boolean finished) {
}
