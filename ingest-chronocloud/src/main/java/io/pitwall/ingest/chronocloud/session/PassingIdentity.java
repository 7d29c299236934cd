package io.pitwall.ingest.chronocloud.session;

import java.util.Objects;

/**
 * What makes a passing the same passing when it comes again: transponder and time as the station
 * wrote them. A re-send repeats both; a different passing under the same id means ChronoFly started
 * its numbering again (tables cleared). {@code hits} and {@code lap} are left out on purpose: they
 * are counters a station may update before re-sending.
 */
public record PassingIdentity(String transponder, String time) {
    public PassingIdentity {
        Objects.requireNonNull(transponder, "transponder");
        Objects.requireNonNull(time, "time");
    }
}
