package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * A PDU's {@code id}: a non-negative decimal number sent as a string. The text is kept as sent
 * because the confirmation must echo it ({@code bumb-<data.id>}); the value is what dedupe and the
 * Kafka sequence use.
 */
public record EventId(String text, long value) {

    /** 18 digits always fit a long; ChronoFly counts passings of a round, far below that. */
    static final int MAX_DIGITS = 18;

    public EventId {
        Objects.requireNonNull(text, "text");
        if (value < 0) {
            throw new IllegalArgumentException("id must not be negative");
        }
    }

    /** Parses {@code text}; empty if it is not 1 to 18 ASCII digits. */
    public static Optional<EventId> parse(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_DIGITS) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            value = value * 10 + (c - '0');
        }
        return Optional.of(new EventId(text, value));
    }

    public static EventId of(long value) {
        return new EventId(Long.toString(value), value);
    }

    @Override
    public String toString() {
        return text;
    }
}
