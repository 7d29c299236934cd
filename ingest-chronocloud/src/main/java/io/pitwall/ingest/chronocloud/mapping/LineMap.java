package io.pitwall.ingest.chronocloud.mapping;

import io.pitwall.events.LineKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which line a ChronoFly station type is. ChronoFly only says what the operator selected at the
 * station (Track-Finish, Track-Sector, Route-Start, ...), so the meaning comes from configuration.
 *
 * <p>Entries are keyed {@code [scope/]type}: the most specific wins, so {@code ChronoFly-2/Track-Sector}
 * (that station) beats {@code spa/Track-Sector} (that venue) beats {@code Track-Sector} (everywhere)
 * beats the built-in {@link #DEFAULTS}. Types nobody mapped become {@link LineKind#UNKNOWN}; the raw
 * type is always kept in the passing's attributes.
 */
public final class LineMap {

    /**
     * The document's ten station types. Track-* are circuit lines; Route-* and TC-* are rally and
     * enduro stage and time-control points: a stage start is a START, its finish a FINISH, and the
     * intermediate time checks and pause points are SPLITs.
     */
    public static final Map<String, LineAssignment> DEFAULTS = defaults();

    private final Map<String, LineAssignment> entries;

    public LineMap(Map<String, LineAssignment> configured) {
        Map<String, LineAssignment> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(configured);
        this.entries = Map.copyOf(all);
    }

    public static LineMap defaultMap() {
        return new LineMap(Map.of());
    }

    public LineAssignment resolve(String station, String venue, String stationType) {
        Objects.requireNonNull(stationType, "stationType");
        LineAssignment line = entries.get(station + "/" + stationType);
        if (line == null) {
            line = entries.get(venue + "/" + stationType);
        }
        if (line == null) {
            line = entries.get(stationType);
        }
        return line != null ? line : LineAssignment.UNKNOWN;
    }

    private static Map<String, LineAssignment> defaults() {
        Map<String, LineAssignment> m = new LinkedHashMap<>();
        m.put("Track-Finish", new LineAssignment(LineKind.FINISH, null));
        m.put("Track-Sector", new LineAssignment(LineKind.SECTOR, null));
        m.put("Route-Start", new LineAssignment(LineKind.START, null));
        m.put("Route-TC-Start", new LineAssignment(LineKind.START, null));
        m.put("Route-Finish", new LineAssignment(LineKind.FINISH, null));
        m.put("Route-TC-Finish", new LineAssignment(LineKind.FINISH, null));
        m.put("Route-Pause", new LineAssignment(LineKind.SPLIT, null));
        m.put("TC-Time", new LineAssignment(LineKind.SPLIT, null));
        m.put("TC-Separate", new LineAssignment(LineKind.SPLIT, null));
        m.put("TC-Pause", new LineAssignment(LineKind.SPLIT, null));
        return Collections.unmodifiableMap(m);
    }
}
