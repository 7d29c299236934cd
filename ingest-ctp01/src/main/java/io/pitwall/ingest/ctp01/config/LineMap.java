package io.pitwall.ingest.ctp01.config;

import io.pitwall.events.LineKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which timing line each CTP01 location of a venue is: {@code finish:FINISH,s1:SECTOR:1,pits:PIT_IN}.
 * A location not listed maps to {@link LineKind#UNKNOWN}; the lap-processor then applies the session's
 * own line map to the raw location the passing carries (attribute {@code location}), which is the place
 * to change a mapping during an event without restarting the ingest.
 */
public final class LineMap {

    /** The assignment of one location. */
    public record Line(LineKind kind, Integer index) {
    }

    public static final LineMap EMPTY = new LineMap(Map.of());
    private static final Line UNKNOWN = new Line(LineKind.UNKNOWN, null);

    private final Map<String, Line> lines;

    private LineMap(Map<String, Line> lines) {
        this.lines = Map.copyOf(lines);
    }

    public Line lineOf(String location) {
        return lines.getOrDefault(location, UNKNOWN);
    }

    public Map<String, Line> asMap() {
        return lines;
    }

    /**
     * Parses {@code location:KIND[:index]} items. The location is everything before the kind, so it
     * may itself contain a colon; it cannot contain a comma (the item separator).
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public static LineMap parse(List<String> items) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (String item : items) {
            Map.Entry<String, Line> entry = parseItem(item);
            if (lines.put(entry.getKey(), entry.getValue()) != null) {
                throw new IllegalArgumentException("each location once; '" + entry.getKey() + "' is listed twice");
            }
        }
        return new LineMap(lines);
    }

    private static Map.Entry<String, Line> parseItem(String item) {
        String[] parts = item.split(":", -1);
        Optional<Integer> index = Optional.empty();
        int kindAt = parts.length - 1;
        if (parts.length >= 3 && parts[kindAt].matches("\\d{1,3}")) {
            index = Optional.of(Integer.parseInt(parts[kindAt]));
            kindAt--;
        }
        if (kindAt < 1) {
            throw new IllegalArgumentException(shape());
        }
        LineKind kind;
        try {
            kind = LineKind.valueOf(parts[kindAt].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shape() + "; '" + parts[kindAt] + "' is not a line kind");
        }
        String location = String.join(":", java.util.Arrays.copyOfRange(parts, 0, kindAt)).trim();
        if (location.isEmpty() || location.length() > 16 || location.contains("~")) {
            throw new IllegalArgumentException(shape() + "; a location has 1 to 16 characters and no '~'");
        }
        return Map.entry(location, new Line(kind, index.orElse(null)));
    }

    private static String shape() {
        return "location:KIND[:index] items with KIND one of " + List.of(LineKind.values());
    }

    /** The items as they are written in the configuration. */
    public static String format(LineMap map) {
        StringBuilder out = new StringBuilder();
        map.lines.forEach((location, line) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(location).append(':').append(line.kind());
            if (line.index() != null) {
                out.append(':').append(line.index());
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return format(this);
    }
}
