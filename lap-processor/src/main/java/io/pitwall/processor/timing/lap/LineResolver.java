package io.pitwall.processor.timing.lap;

import io.pitwall.events.LineKind;
import io.pitwall.events.LineMapping;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Passing} into a {@link Crossing}, applying the session's line map.
 *
 * <p>Ingests set {@code line}/{@code lineIndex} when they know them. Race control's line map (which CTP01
 * location, ChronoFly station type or LapSnapper lapLine is FINISH, SECTOR n, PIT_IN...) is venue knowledge
 * the ingest may not have, so when a mapping matches the raw line identifier of a passing, the mapping wins.
 * The raw identifier is looked up in the passing's attributes under the first present key of
 * {@link #RAW_LINE_ATTRIBUTES}.
 */
public final class LineResolver {

    /** Attribute keys an ingest may use for the line identifier exactly as the hardware sent it. */
    public static final List<String> RAW_LINE_ATTRIBUTES = List.of("line", "location", "stationType", "lapLine");

    private static final int MAX_CANONICAL_STRINGS = 10_000;

    private final List<LineMapping> mappings;
    /** One copy of each transponder, stream id and name seen (not thread-safe: one session, one thread). */
    private final Map<String, String> strings = new HashMap<>();

    public LineResolver(SessionConfig config) {
        this.mappings = List.copyOf(config.getLineMap());
    }

    public Crossing resolve(Passing passing) {
        LineKind line = passing.getLine();
        Integer index = passing.getLineIndex();
        LineMapping mapping = find(passing);
        if (mapping != null) {
            line = mapping.getLine();
            index = mapping.getLineIndex();
        }
        if (line != LineKind.SECTOR && line != LineKind.SPLIT) {
            index = null;
        }
        // the same few strings recur in every crossing of a session: keep one copy of each
        PassingKey key = new PassingKey(canonical(passing.getStreamId()), passing.getStreamEpoch(), passing.getSequence());
        return new Crossing(key, canonical(passing.getTransponder()), Micros.of(passing.getPassingTime()), line, index,
                canonical(passing.getName()));
    }

    private String canonical(String value) {
        if (value == null) {
            return null;
        }
        if (strings.size() >= MAX_CANONICAL_STRINGS) {
            strings.clear(); // a stream of distinct names (hostile input) must not grow this without bound
        }
        String known = strings.putIfAbsent(value, value);
        return known != null ? known : value;
    }

    private LineMapping find(Passing passing) {
        if (mappings.isEmpty()) {
            return null;
        }
        String raw = rawLine(passing.getAttributes());
        if (raw == null) {
            return null;
        }
        for (LineMapping mapping : mappings) {
            boolean sourceMatches = mapping.getSource() == null || mapping.getSource() == passing.getSource();
            if (sourceMatches && mapping.getMatch().equals(raw)) {
                return mapping;
            }
        }
        return null;
    }

    private static String rawLine(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        for (String key : RAW_LINE_ATTRIBUTES) {
            String value = attributes.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
