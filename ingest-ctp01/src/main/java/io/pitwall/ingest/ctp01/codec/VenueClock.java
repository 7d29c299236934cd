package io.pitwall.ingest.ctp01.codec;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a venue-local CTP01 time needs to become an instant: the venue's time zone and the event
 * date. {@code normal} times are a time of day counted from midnight of {@code eventDate} (hours
 * past 24 roll into the following days); {@code iso} times carry a date but no zone, so they need
 * only the zone.
 *
 * @param eventDate midnight of this date is hour 0 of {@code normal} times; null when not known, and
 *                  then every {@code normal} time is a parse error rather than a guess
 */
public record VenueClock(ZoneId zone, LocalDate eventDate) {

    public VenueClock {
        Objects.requireNonNull(zone, "zone");
    }

    /** A clock for {@code iso} times, which carry their own date. */
    public static VenueClock zoneOnly(ZoneId zone) {
        return new VenueClock(zone, null);
    }
}
