package io.pitwall.ingest.ctp01.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Spells out what the server sends as CTP01 lines (without terminators). The protocol has no
 * escaping, so a field containing {@code ~} or a line break could never be read back; such values
 * are refused when the message is built, not discovered on the wire.
 */
public final class Ctp01LineWriter {

    private static final char SEPARATOR = '~';

    private Ctp01LineWriter() {
    }

    public static List<String> lines(Ctp01Outbound message) {
        if (message instanceof ServerGreeting greeting) {
            List<String> requests = greeting.options().requestLines();
            List<String> lines = new ArrayList<>(requests.size() + 1);
            lines.add(greeting.program() + SEPARATOR + greeting.version() + SEPARATOR + requests.size());
            lines.addAll(requests);
            return lines;
        }
        if (message instanceof AuthorizeReply reply) {
            if (reply.accepted()) {
                return List.of("ack~authorize");
            }
            return List.of(reply.message().map(text -> "err~authorize~" + text).orElse("err~authorize"));
        }
        return List.of(commandLine((Ctp01Command) message));
    }

    private static String commandLine(Ctp01Command command) {
        if (command instanceof Ctp01Command.GetConnectionId) {
            return "getconnectionid";
        }
        if (command instanceof Ctp01Command.GetLocations) {
            return "getlocations";
        }
        if (command instanceof Ctp01Command.GetEventInfo) {
            return "geteventinfo";
        }
        if (command instanceof Ctp01Command.Ping) {
            return "ping";
        }
        StringBuilder line = new StringBuilder();
        if (command instanceof Ctp01Command.Start start) {
            line.append("start");
            start.location().ifPresent(location -> line.append(SEPARATOR).append(location));
            start.fromSequence().ifPresent(sequence -> line.append(SEPARATOR).append(sequence));
        } else if (command instanceof Ctp01Command.Stop stop) {
            line.append("stop");
            stop.location().ifPresent(location -> line.append(SEPARATOR).append(location));
        } else if (command instanceof Ctp01Command.GetData getData) {
            line.append("getdata").append(SEPARATOR).append(getData.maxItems());
            getData.location().ifPresent(location -> line.append(SEPARATOR).append(location));
            getData.fromSequence().ifPresent(sequence -> line.append(SEPARATOR).append(sequence));
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return line.toString();
    }

    static void checkField(String name, String value, boolean mayBeEmpty) {
        if (value == null || (!mayBeEmpty && value.isEmpty())) {
            throw new IllegalArgumentException(name + " must not be " + (value == null ? "null" : "empty"));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == SEPARATOR || Character.isISOControl(c)) {
                throw new IllegalArgumentException(name + " must not contain '~' or control characters");
            }
        }
    }

    static void checkLocation(String location) {
        checkField("location", location, false);
        if (location.isBlank()
                || location.codePointCount(0, location.length()) > TagObservation.MAX_LOCATION_LENGTH) {
            throw new IllegalArgumentException("location must be 1 to 16 characters: " + location);
        }
    }

    static void checkSequence(int sequence) {
        if (sequence < 1 || sequence > TagObservation.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be 1..999999: " + sequence);
        }
    }
}
