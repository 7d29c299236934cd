package io.pitwall.ingest.ctp01.codec;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a venue-local CTP01 time needs to become an instant: the venue's time zone and the event
 * date. {@code normal} times are a time of day counted from midnight of {@code eventDate} (hours
 * past 24 roll into the following days); {@code iso} times carry a date but no zone.
 */
public record VenueClock(ZoneId zone, LocalDate eventDate) {

    public VenueClock {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(eventDate, "eventDate");
    }
}
