package io.pitwall.simulator.chronocloud;

import java.time.Instant;

/**
 * A passing the station registered, as a test expects to find it downstream: its {@code id} within
 * {@code round}, and what was sent. {@code time} is already cut to the milliseconds ChronoFly transmits.
 */
public record SentPassing(long id, String round, String transponder, Instant time, String stationType, int hits,
        int lap) {
}
