package io.pitwall.launcher;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Operator text → a {@link SessionControl}: the action word and its arguments as {@code pitwall session} takes them.
 * Anything else is refused with an {@link IllegalArgumentException} whose message says what is wrong; texts that a
 * timing screen could not show (control characters, broken Unicode, nothing but spaces) are refused too.
 */
final class RaceControlInput {

    static final List<String> ACTIONS = List.of("start", "stop", "flag", "message", "retire", "penalty");
    static final int MAX_TEXT = 500;

    private RaceControlInput() {
    }

    /**
     * @param sessionId the session the action is for, null for the venue's current one
     * @throws IllegalArgumentException with a usage message for anything that is not a valid action
     */
    static SessionControl parse(String venue, String action, List<String> args, String sessionId, Instant at,
                                String issuedBy) {
        SessionControl.Builder control = SessionControl.newBuilder()
                .setVenueId(checked("venue", venue))
                .setSessionId(sessionId == null ? null : checked("session id", sessionId))
                .setIssuedBy(issuedBy)
                .setAt(at);
        switch (action.toLowerCase(Locale.ROOT)) {
            case "start" -> control.setAction(ControlAction.START).setMessage("Session started");
            case "stop" -> control.setAction(ControlAction.STOP).setMessage("Session stopped");
            case "flag" -> {
                if (args.size() != 1) {
                    throw new IllegalArgumentException("flag needs one flag: " + flags());
                }
                control.setAction(ControlAction.FLAG).setFlag(flag(args.get(0)));
            }
            case "message" -> control.setAction(ControlAction.MESSAGE).setMessage(text(args, 0, "message needs a text"));
            case "retire" -> {
                String car = car(action, args);
                control.setAction(ControlAction.RETIREMENT).setCarNumber(car)
                        .setMessage(args.size() > 1 ? text(args, 1, "") : "Car " + car + " retired");
            }
            case "penalty" -> control.setAction(ControlAction.PENALTY).setCarNumber(car(action, args))
                    .setMessage(text(args, 1, "penalty needs a car and a text"));
            default -> throw new IllegalArgumentException("unknown action '" + printable(action) + "': show, "
                    + String.join(", ", ACTIONS));
        }
        return control.build();
    }

    private static Flag flag(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Flag flag : Flag.values()) {
            if (flag.name().equals(name)) {
                return flag;
            }
        }
        throw new IllegalArgumentException("'" + printable(text) + "' is not a flag: " + flags());
    }

    private static String car(String action, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(action.toLowerCase(Locale.ROOT) + " needs a car number");
        }
        String car = checked("car number", args.get(0).trim());
        if (car.length() > 16 || car.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("car number '" + printable(car)
                    + "': at most 16 characters, no spaces");
        }
        return car;
    }

    private static String text(List<String> args, int from, String problem) {
        if (args.size() <= from) {
            throw new IllegalArgumentException(problem);
        }
        String text = String.join(" ", args.subList(from, args.size())).trim();
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("text longer than " + MAX_TEXT + " characters");
        }
        return checked("text", text);
    }

    /** Non-blank, no control characters, well-formed UTF-16 (a lone surrogate cannot be written as UTF-8). */
    private static String checked(String what, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " is not valid Unicode (a lone surrogate at " + i + ")");
            }
        }
        return value;
    }

    /** For error messages: at most 40 characters, control characters and lone surrogates shown as '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 40; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
            }
        }
        return text.length() > out.length() ? out + "..." : out.toString();
    }

    private static String flags() {
        return Arrays.stream(Flag.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
