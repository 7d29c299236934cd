package io.pitwall.simulator.ctp01;

import java.time.Instant;

/**
 * One numbered entry of a location's stream on the simulated box.
 *
 * @param arrival box-wide arrival order, used to interleave locations the way they happened
 */
public record BoxEvent(Kind kind, String location, int sequence, String tag, Instant time, int lapCount,
                       String readerId, int gator, long arrival) {

    public enum Kind {
        OBSERVATION,
        GUN_TIME
    }

    /** The tag field of a gun time. */
    public static final String GUN_TIME_TAG = "guntime";
}
