package io.pitwall.simulator.ctp01;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code time-format} options as the box writes them, for October 16th 2008, 2:02:15.31pm:
 * normal {@code 14:02:15.31}, iso {@code 2008-10-16T14:02:15.31}, unix {@code 1224165735.31}.
 * Fractions are truncated, as a clock display would, to the configured number of digits.
 */
public enum ClockFormat {
    /** Wall-clock time of day at the venue; hours keep counting past 24 after the event date. */
    NORMAL("normal"),
    /** Venue wall-clock date and time, no zone. */
    ISO("iso"),
    /** UTC seconds since the epoch. */
    UNIX("unix");

    private final String optionValue;

    ClockFormat(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    /** The format named by a {@code time-format} request, if the box supports it. */
    public static Optional<ClockFormat> fromOptionValue(String value) {
        for (ClockFormat format : values()) {
            if (format.optionValue.equalsIgnoreCase(value)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public String format(Instant time, ZoneId zone, LocalDate eventDate, int fractionDigits) {
        if (this == UNIX) {
            return time.getEpochSecond() + fraction(time.getNano(), fractionDigits);
        }
        LocalDateTime local = LocalDateTime.ofInstant(time, zone);
        String seconds = String.format(Locale.ROOT, "%02d:%02d", local.getMinute(), local.getSecond())
                + fraction(local.getNano(), fractionDigits);
        if (this == ISO) {
            return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:", local.getYear(), local.getMonthValue(),
                    local.getDayOfMonth(), local.getHour()) + seconds;
        }
        long hours = ChronoUnit.DAYS.between(eventDate, local.toLocalDate()) * 24 + local.getHour();
        if (hours < 0) {
            throw new IllegalArgumentException(time + " is before the event date " + eventDate);
        }
        return String.format(Locale.ROOT, "%02d:", hours) + seconds;
    }

    private static String fraction(int nanos, int digits) {
        if (digits == 0) {
            return "";
        }
        String nine = String.format(Locale.ROOT, "%09d", nanos);
        return "." + nine.substring(0, digits);
    }
}
