package io.pitwall.ingest.smartrace.session;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line crossing a sensor reported, ready to become a passing.
 *
 * @param sequence        position in the connection's stream, from 1, gap-free in publish order
 * @param controllerId    the controller (lane, car) that crossed
 * @param line            which line
 * @param timeMillis      when, wall clock, ms since the epoch (anchored sensor time, or the receive time
 *                        for a message without timestamp)
 * @param sensorTimestamp the sensor's raw counter value, when the message had one
 * @param flpl            part of a pit-leave + lap double message for one crossing (FLPL)
 * @param dedupeKey       the entry recorded in {@link RecentLaps}, to forget if publishing fails; null
 *                        for messages without timestamp
 */
public record Crossing(long sequence, int controllerId, Line line, long timeMillis, OptionalLong sensorTimestamp,
        boolean flpl, RecentLaps.Key dedupeKey) {

    public Crossing {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(sensorTimestamp, "sensorTimestamp");
    }
}
