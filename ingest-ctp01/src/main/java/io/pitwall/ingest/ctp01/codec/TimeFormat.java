package io.pitwall.ingest.ctp01.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code time-format} request option and the parsing of the time field of tag events.
 *
 * <p>Only the format the server asked for is accepted; a time written in another format is a
 * parse error, never reinterpreted. {@code msecs} is listed by the document but its own example
 * (43455310 for 14:02:15.31) is not milliseconds since midnight nor anything else we can verify,
 * so it is deliberately not offered.
 *
 * <p>Venue-local times ({@code normal}, {@code iso} without offset) are resolved in the venue's
 * zone. A local time inside a daylight-saving gap cannot come from a correct venue clock and is
 * rejected; a local time inside the repeated hour after a fall-back is ambiguous and resolves to
 * the earlier offset. Events spanning a DST change should use {@code unix}.
 */
public enum TimeFormat {
    /** Time of day {@code 14:02:15.31}; hours may exceed 24 ({@code 102:12:32.37}). */
    NORMAL("normal") {
        @Override
        Instant parseChecked(String text, VenueClock clock) {
            Matcher m = match(NORMAL_PATTERN, text);
            long hours = Long.parseLong(m.group(1));
            LocalDate eventDate = requireClock(text, clock).eventDate();
            if (eventDate == null) {
                throw new DateTimeParseException("normal time needs the venue's event date", text, 0);
            }
            LocalDate date = eventDate.plusDays(hours / 24);
            LocalTime time = LocalTime.of((int) (hours % 24), field(m, 2, 59, text), field(m, 3, 59, text),
                    nanos(m.group(4)));
            return resolveLocal(text, LocalDateTime.of(date, time), clock);
        }
    },
    /** {@code 2008-10-16T14:02:15.31}, venue-local; an explicit {@code Z} or offset is honoured. */
    ISO("iso") {
        @Override
        Instant parseChecked(String text, VenueClock clock) {
            Matcher m = match(ISO_PATTERN, text);
            LocalDateTime local = LocalDateTime.of(
                    LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3))),
                    LocalTime.of(field(m, 4, 23, text), field(m, 5, 59, text), field(m, 6, 59, text),
                            nanos(m.group(7))));
            String offset = m.group(8);
            if (offset != null) {
                return local.toInstant(ZoneOffset.of(offset));
            }
            return resolveLocal(text, local, clock);
        }
    },
    /** Seconds since the epoch, UTC: {@code 1224165735.31}. */
    UNIX("unix") {
        @Override
        Instant parseChecked(String text, VenueClock clock) {
            Matcher m = match(UNIX_PATTERN, text);
            return Instant.ofEpochSecond(Long.parseLong(m.group(1)), nanos(m.group(2)));
        }
    };

    private static final Pattern NORMAL_PATTERN =
            Pattern.compile("(\\d{1,6}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern ISO_PATTERN = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern UNIX_PATTERN = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");

    private final String optionValue;

    TimeFormat(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    /** Whether parsing needs a {@link VenueClock}. */
    public boolean isVenueLocal() {
        return this != UNIX;
    }

    /**
     * Parses a time field.
     *
     * @param clock the venue's zone and event date; may be null for {@link #UNIX}
     * @throws DateTimeParseException if the text is not a valid time in this format
     */
    public Instant parse(String text, VenueClock clock) {
        try {
            return parseChecked(text, clock);
        } catch (DateTimeParseException e) {
            throw e;
        } catch (DateTimeException | ArithmeticException e) {
            throw new DateTimeParseException(optionValue + " time out of range: " + e.getMessage(), text, 0, e);
        }
    }

    abstract Instant parseChecked(String text, VenueClock clock);

    public static TimeFormat fromOptionValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (TimeFormat format : values()) {
            if (format.optionValue.equals(wanted)) {
                return format;
            }
        }
        if (wanted.equals("msecs")) {
            throw new IllegalArgumentException(
                    "time-format msecs is not supported: the CTP01 document does not define it; use iso or unix");
        }
        throw new IllegalArgumentException("unknown CTP01 time-format: " + value);
    }

    private static Matcher match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            throw new DateTimeParseException("not a CTP01 time in the expected format", text, 0);
        }
        return m;
    }

    private static int field(Matcher m, int group, int max, String text) {
        int value = Integer.parseInt(m.group(group));
        if (value > max) {
            throw new DateTimeParseException("time field out of range", text, m.start(group));
        }
        return value;
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        int value = Integer.parseInt(fraction);
        for (int digits = fraction.length(); digits < 9; digits++) {
            value *= 10;
        }
        return value;
    }

    private static VenueClock requireClock(String text, VenueClock clock) {
        if (clock == null) {
            throw new DateTimeParseException("venue-local time needs a venue zone and event date", text, 0);
        }
        return clock;
    }

    private static Instant resolveLocal(String text, LocalDateTime local, VenueClock clock) {
        VenueClock venue = requireClock(text, clock);
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, venue.zone(), null);
        if (!zoned.toLocalDateTime().equals(local)) {
            throw new DateTimeParseException(
                    "local time does not exist in " + venue.zone() + " (daylight-saving gap)", text, 0);
        }
        return zoned.toInstant();
    }
}
