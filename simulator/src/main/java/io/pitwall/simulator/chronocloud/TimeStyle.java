package io.pitwall.simulator.chronocloud;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How a ChronoFly version writes the times of a PDU ({@code time}, {@code tctime}, {@code sent}). */
public enum TimeStyle {

    /** Newer ChronoFly: ISO 8601 with the station's UTC offset and milliseconds, {@code 2007-11-20T22:19:17.532+02:00}. */
    ISO_OFFSET(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")),

    /** Older ChronoFly: only the time of day at the station, {@code 20:47:57.765}; the receiver supplies zone and date. */
    TIME_OF_DAY(DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));

    private final DateTimeFormatter format;

    TimeStyle(DateTimeFormatter format) {
        this.format = format;
    }

    /** {@code time} as this style writes it in {@code zone}; ChronoFly keeps milliseconds, so finer digits are cut. */
    public String format(Instant time, ZoneId zone) {
        return format.format(time.truncatedTo(ChronoUnit.MILLIS).atZone(zone));
    }
}
