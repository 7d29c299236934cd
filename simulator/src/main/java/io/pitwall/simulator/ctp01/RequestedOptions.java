package io.pitwall.simulator.ctp01;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The initialization requests a server sent after its greeting, with the document's defaults for
 * anything it did not send (newest revision: single location, pull mode). Unknown keys and values
 * the box does not support are kept as warnings and otherwise ignored, as a client in the field
 * would rather run with defaults than refuse the connection.
 */
final class RequestedOptions {

    boolean multiLocation;
    boolean push;
    boolean gunTimes;
    boolean newLocations;
    boolean connectionIdGate;
    boolean pushModeAck;
    ClockFormat clockFormat = ClockFormat.NORMAL;
    TagLineFormat tagFormat = TagLineFormat.CT01_33;
    String authentication = "none";
    String authenticationSeed = "";
    final List<String> warnings = new ArrayList<>();

    /** Applies one {@code key=value} request line. */
    void apply(String line) {
        int equals = line.indexOf('=');
        if (equals <= 0) {
            warnings.add("not a request line: " + line);
            return;
        }
        String key = line.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(equals + 1).trim();
        switch (key) {
            case "location" -> multiLocation = choice(key, value, "multi", "single", multiLocation);
            case "stream-mode" -> push = choice(key, value, "push", "pull", push);
            case "guntimes" -> gunTimes = choice(key, value, "true", "false", gunTimes);
            case "newlocations" -> newLocations = choice(key, value, "true", "false", newLocations);
            case "connection-id" -> connectionIdGate = choice(key, value, "true", "false", connectionIdGate);
            case "pushmode-ack" -> pushModeAck = choice(key, value, "true", "false", pushModeAck);
            case "time-format" -> ClockFormat.fromOptionValue(value).ifPresentOrElse(
                    format -> clockFormat = format, () -> warnings.add("unsupported time-format " + value));
            case "tagevent-format" -> TagLineFormat.fromOptionValue(value).ifPresentOrElse(
                    format -> tagFormat = format, () -> warnings.add("unsupported tagevent-format " + value));
            case "authentication" -> {
                if (ClientAuthentication.isKnownMethod(value)) {
                    authentication = value.toLowerCase(Locale.ROOT);
                } else {
                    warnings.add("unsupported authentication " + value);
                }
            }
            // the seed is used exactly as sent: trimming would change the digest
            case "authentication-seed" -> authenticationSeed = line.substring(equals + 1);
            default -> warnings.add("unknown request " + key);
        }
    }

    private boolean choice(String key, String value, String yes, String no, boolean current) {
        if (value.equalsIgnoreCase(yes)) {
            return true;
        }
        if (value.equalsIgnoreCase(no)) {
            return false;
        }
        warnings.add("invalid " + key + "=" + value);
        return current;
    }

    boolean announcesNewLocations() {
        return push && multiLocation && newLocations;
    }
}
