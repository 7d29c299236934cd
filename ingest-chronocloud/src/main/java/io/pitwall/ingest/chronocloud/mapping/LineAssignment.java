package io.pitwall.ingest.chronocloud.mapping;

import io.pitwall.events.LineKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What a station type means at a venue: a line kind and, for sector and split lines, which one.
 *
 * @param index 1-based sector or split number, or {@code null} when the hardware cannot tell (the
 *              lap processor then derives it from the order of lines)
 */
public record LineAssignment(LineKind line, Integer index) {

    public static final LineAssignment UNKNOWN = new LineAssignment(LineKind.UNKNOWN, null);

    public LineAssignment {
        Objects.requireNonNull(line, "line");
        if (index != null && index < 1) {
            throw new IllegalArgumentException("line index must be 1 or more, got " + index);
        }
    }

    /**
     * Parses {@code LINE} or {@code LINE:index}, e.g. {@code FINISH}, {@code SECTOR:2}; the kind is
     * case-insensitive. Throws {@link IllegalArgumentException} saying what is expected.
     */
    public static LineAssignment parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not LINE or LINE:index");
        }
        LineKind kind;
        try {
            kind = LineKind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + parts[0].trim() + "' is not a line kind (one of "
                    + Arrays.toString(LineKind.values()) + ")");
        }
        if (parts.length == 1) {
            return new LineAssignment(kind, null);
        }
        try {
            int index = Integer.parseInt(parts[1].trim());
            if (index < 1 || index > 99) {
                throw new NumberFormatException();
            }
            return new LineAssignment(kind, index);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line index '" + parts[1].trim() + "' is not a number from 1 to 99");
        }
    }

    @Override
    public String toString() {
        return index == null ? line.name() : line.name() + ":" + index;
    }
}
