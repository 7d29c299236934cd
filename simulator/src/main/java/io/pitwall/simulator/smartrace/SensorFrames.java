package io.pitwall.simulator.smartrace;

import java.util.Locale;
import java.util.Objects;

/**
 * The JSON a sensor sends, written as text the way sensor firmware builds it (string formatting, not
 * a JSON library), in one of two {@link JsonStyle}s.
 */
final class SensorFrames {

    private final JsonStyle style;

    SensorFrames(JsonStyle style) {
        this.style = Objects.requireNonNull(style, "style");
    }

    String apiVersion() {
        return style == JsonStyle.COMPACT ? "{\"type\":\"api_version\"}" : "{ \"type\": \"api_version\" }";
    }

    String controllerSet(String id) {
        return message("controller_set", "\"controller_id\"" + colon() + quoted(id));
    }

    String lap(int controllerId, long timestamp) {
        String ts = "\"timestamp\"" + colon() + timestamp;
        String id = "\"controller_id\"" + colon() + controllerId;
        return message("analog_lap", style == JsonStyle.COMPACT ? ts + "," + id : id + ", " + ts);
    }

    String pitEnter(int controllerId) {
        return message("analog_pit_enter", "\"controller_id\"" + colon() + controllerId);
    }

    String pitLeave(int controllerId) {
        return message("analog_pit_leave", "\"controller_id\"" + colon() + controllerId);
    }

    String raceControl(String value) {
        return message("race_control", "\"value\"" + colon() + quoted(value.toLowerCase(Locale.ROOT)));
    }

    private String message(String type, String data) {
        if (style == JsonStyle.COMPACT) {
            return "{\"type\":\"" + type + "\",\"data\":{" + data + "}}";
        }
        return "{ \"data\": { " + data + " }, \"type\": \"" + type + "\" }";
    }

    private String colon() {
        return style == JsonStyle.COMPACT ? ":" : ": ";
    }

    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
