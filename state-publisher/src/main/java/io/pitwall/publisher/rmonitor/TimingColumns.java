package io.pitwall.publisher.rmonitor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the columns RMonitor needs sit in a service's cars, found by name in the manifest's colSpec
 * (Timing71 services differ in which columns they have and in what order). -1 = the service lacks it.
 */
record TimingColumns(int num, int state, int clazz, int team, int driver, int laps, int last, int best) {

    static TimingColumns of(JsonNode manifest) {
        JsonNode spec = manifest == null ? null : manifest.path("colSpec");
        return new TimingColumns(find(spec, "Num"), find(spec, "State"), find(spec, "Class"), find(spec, "Team"),
                find(spec, "Driver"), find(spec, "Laps"), find(spec, "Last"), find(spec, "Best"));
    }

    private static int find(JsonNode spec, String name) {
        if (spec == null || !spec.isArray()) {
            return -1;
        }
        for (int i = 0; i < spec.size(); i++) {
            if (name.equals(spec.get(i).path(0).asText())) {
                return i;
            }
        }
        return -1;
    }

    /** A cell's value: Timing71 cells are either a value or {@code [value, flag]}. */
    static JsonNode value(JsonNode car, int column) {
        if (column < 0 || car == null || column >= car.size()) {
            return null;
        }
        JsonNode cell = car.get(column);
        return cell.isArray() ? cell.path(0) : cell;
    }

    static String text(JsonNode car, int column) {
        JsonNode v = value(car, column);
        return v == null || v.isNull() ? "" : v.asText("");
    }

    /** A time in seconds, or NaN when the cell is empty or not a time. */
    static double seconds(JsonNode car, int column) {
        JsonNode v = value(car, column);
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        String s = v.asText("").trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            // "1:32.820" or "92.820"
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                return Double.parseDouble(s);
            }
            return Integer.parseInt(s.substring(0, colon)) * 60 + Double.parseDouble(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static int integer(JsonNode car, int column) {
        JsonNode v = value(car, column);
        if (v == null) {
            return 0;
        }
        if (v.isNumber()) {
            return v.asInt();
        }
        try {
            return Integer.parseInt(v.asText("").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
