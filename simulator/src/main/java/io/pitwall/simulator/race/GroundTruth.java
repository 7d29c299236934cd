package io.pitwall.simulator.race;

import java.util.List;
import java.util.Map;

/**
 * What a correct timer produces for a generated session.
 *
 * @param laps            per car number (as timed: the transponder for a car not on the entry list), in order
 * @param classification  in classification order
 * @param chequeredMicros when the chequered flag fell as the timer sees it, null if it did not
 */
public record GroundTruth(Map<String, List<ExpectedLap>> laps, List<ExpectedStanding> classification,
                          Long chequeredMicros) {

    public GroundTruth {
        laps = Map.copyOf(laps);
        classification = List.copyOf(classification);
    }
}
