package io.pitwall.ingest.chronocloud.codec;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;
import java.util.Optional;

/**
 * A time as a ChronoFly station wrote it. Newer versions send ISO 8601 with the UTC offset
 * ({@code 2007-11-20T22:19:17.532+02:00}); older ones only the time of day ({@code 20:47:57.765}),
 * which needs the venue's time zone and date to become an instant. A date-time without offset is
 * accepted too and read in the venue's zone. Turning these into instants is not the codec's job.
 */
public sealed interface PduTime {

    /** The text exactly as the station sent it. */
    String text();

    /** An absolute time: ISO 8601 with offset or {@code Z}. */
    record Offset(OffsetDateTime value, String text) implements PduTime {
        public Offset {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A date and time without offset: local time at the venue. */
    record Local(LocalDateTime value, String text) implements PduTime {
        public Local {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Older ChronoFly: the time of day only, at the venue. */
    record TimeOfDay(LocalTime value, String text) implements PduTime {
        public TimeOfDay {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Longer texts are not times; bounding them keeps the parser's work bounded. */
    int MAX_LENGTH = 40;

    /**
     * Parses the two styles. Offsets may be written {@code +02:00}, {@code +0200}, {@code +02} or
     * {@code Z} (Java's {@code SimpleDateFormat} writes {@code +0200}); seconds are required,
     * fractions may have 1 to 9 digits.
     *
     * @return empty if {@code text} is neither style
     */
    static Optional<PduTime> parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            if (text.indexOf('T') > 0) {
                TemporalAccessor parsed = PduTimeFormats.DATE_TIME.parse(text);
                LocalDateTime local = LocalDateTime.from(parsed);
                if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                    return Optional.of(new Offset(OffsetDateTime.from(parsed), text));
                }
                return Optional.of(new Local(local, text));
            }
            return Optional.of(new TimeOfDay(LocalTime.from(PduTimeFormats.TIME_OF_DAY.parse(text)), text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
