package io.pitwall.ingest.ctp01.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pitwall.ingest.ctp01.codec.Ctp01DecodeError.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one line (without its terminator) received from a ChronoTrack client into a
 * {@link Ctp01Message}, or a {@link Ctp01DecodeError} saying why it could not. Never throws for
 * any input. Stateless and thread-safe; tag event times are read in the {@link TimeFormat} the
 * server requested.
 */
public final class Ctp01LineParser {

    private static final int MAX_EXCERPT = 60;
    private static final String REDACTED = "<redacted>";

    private final TimeFormat timeFormat;
    private final VenueClock venueClock;

    /**
     * @param timeFormat the {@code time-format} the server requested
     * @param venueClock the venue's zone and event date; required unless {@code timeFormat} is
     *                   {@link TimeFormat#UNIX}
     */
    public Ctp01LineParser(TimeFormat timeFormat, VenueClock venueClock) {
        this(timeFormat, venueClock, true);
    }

    private Ctp01LineParser(TimeFormat timeFormat, VenueClock venueClock, boolean clockRequired) {
        this.timeFormat = Objects.requireNonNull(timeFormat, "timeFormat");
        if (clockRequired && timeFormat.isVenueLocal() && venueClock == null) {
            throw new IllegalArgumentException("time-format " + timeFormat.optionValue()
                    + " is venue-local: a VenueClock (zone and event date) is required");
        }
        this.venueClock = venueClock;
    }

    /**
     * A parser for the start of a connection on a port shared by several venues, before
     * authentication has said which venue (and so which zone and event date) the client belongs to.
     * Greetings, authorization and replies parse as usual; a venue-local tag event time is an
     * {@link Ctp01DecodeError.Kind#INVALID_TIME}, never a guess. Replace it once the venue is known
     * ({@link Ctp01LineDecoder#parser(Ctp01LineParser)}).
     */
    public static Ctp01LineParser beforeVenueKnown(TimeFormat timeFormat) {
        return new Ctp01LineParser(timeFormat, null, false);
    }

    public TimeFormat timeFormat() {
        return timeFormat;
    }

    /** Parses the readable bytes of {@code line} without consuming them. */
    public Ctp01Inbound parse(ByteBuf line) {
        if (!ByteBufUtil.isText(line, StandardCharsets.UTF_8)) {
            return new Ctp01DecodeError(Kind.INVALID_ENCODING,
                    excerpt(line.toString(StandardCharsets.UTF_8)), "line is not valid UTF-8");
        }
        return parse(line.toString(StandardCharsets.UTF_8));
    }

    public Ctp01Inbound parse(byte[] line) {
        return parse(Unpooled.wrappedBuffer(line));
    }

    public Ctp01Inbound parse(String line) {
        try {
            return parseOrThrow(line);
        } catch (LineError e) {
            return new Ctp01DecodeError(e.kind, excerpt(line), e.getMessage());
        }
    }

    /**
     * A loggable start of {@code line}: control characters escaped, at most about 60 characters,
     * and everything after the user id of an {@code authorize} line replaced, wherever it occurs,
     * so a password never reaches a log or a metric label.
     */
    public static String excerpt(String line) {
        String safe = redactAuthorization(line);
        StringBuilder out = new StringBuilder(MAX_EXCERPT + 1);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            // keep surrogate pairs whole so a cut never leaves half a character
            String shown = Character.isHighSurrogate(c) && i + 1 < safe.length()
                    ? safe.substring(i, ++i + 1) : printable(c);
            if (out.length() + shown.length() > MAX_EXCERPT) {
                return out.append('…').toString();
            }
            out.append(shown);
        }
        return out.toString();
    }

    private static String printable(char c) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            default:
                return Character.isISOControl(c) ? String.format(Locale.ROOT, "\\x%02X", (int) c) : String.valueOf(c);
        }
    }

    private static String redactAuthorization(String line) {
        int at = line.toLowerCase(Locale.ROOT).indexOf("authorize");
        if (at < 0) {
            return line;
        }
        int afterKeyword = at + "authorize".length();
        if (afterKeyword >= line.length()) {
            return line;
        }
        int afterUser = line.indexOf('~', afterKeyword + 1);
        int keepUntil = afterUser < 0 ? afterKeyword + 1 : afterUser + 1;
        return line.substring(0, keepUntil) + REDACTED;
    }

    private Ctp01Message parseOrThrow(String line) {
        if (line.isEmpty()) {
            throw new LineError(Kind.EMPTY_LINE, "empty line");
        }
        if (TagEventFormat.looksLikeCode(line)) {
            return parseTagEvent(line);
        }
        rejectControlCharacters(line, '~');
        List<String> fields = split(line, '~');
        switch (fields.get(0)) {
            case "ack":
                return parseAck(fields);
            case "err":
                if (fields.size() < 2) {
                    throw new LineError(Kind.MALFORMED_REPLY, "err without a command field");
                }
                return new Ctp01Reply.ErrorReply(fields.get(1), joinFrom(fields, 2, '~'));
            case "authorize":
                return parseAuthorize(fields);
            default:
                return parseGreeting(fields);
        }
    }

    private static Ctp01Message parseGreeting(List<String> fields) {
        String last = fields.get(fields.size() - 1);
        boolean protocolShaped = last.length() > 3 && last.regionMatches(true, 0, "CTP", 0, 3)
                && last.substring(3).chars().allMatch(c -> c >= '0' && c <= '9');
        if (fields.size() != 3 || !protocolShaped) {
            throw new LineError(Kind.UNKNOWN_MESSAGE, "not a CTP01 message");
        }
        if (!last.equals(ClientGreeting.PROTOCOL)) {
            throw new LineError(Kind.UNSUPPORTED_PROTOCOL, "client speaks " + last + ", not CTP01");
        }
        if (fields.get(0).isBlank()) {
            throw new LineError(Kind.MALFORMED_REPLY, "greeting without a program name");
        }
        return new ClientGreeting(fields.get(0), fields.get(1));
    }

    private static Ctp01Message parseAuthorize(List<String> fields) {
        if (fields.size() < 3 || fields.get(1).isEmpty()) {
            throw new LineError(Kind.MALFORMED_REPLY, "authorize needs a user id and an authentication string");
        }
        // a plaintext password may itself contain '~': everything after the user id is the answer
        return new AuthorizeRequest(fields.get(1), joinFrom(fields, 2, '~'));
    }

    private static Ctp01Message parseAck(List<String> fields) {
        if (fields.size() < 2) {
            throw new LineError(Kind.MALFORMED_REPLY, "ack without a command field");
        }
        String command = fields.get(1);
        switch (command) {
            case "getconnectionid":
                if (fields.size() != 3 || fields.get(2).isEmpty()) {
                    throw new LineError(Kind.MALFORMED_REPLY, "ack~getconnectionid needs exactly one id");
                }
                return new Ctp01Reply.ConnectionIdAck(fields.get(2));
            case "getlocations":
                return new Ctp01Reply.LocationsAck(locationList(fields));
            case "geteventinfo":
                return new Ctp01Reply.EventInfoAck(fieldOrEmpty(fields, 2), fieldOrEmpty(fields, 3),
                        joinFrom(fields, 4, '~'));
            case "start":
                return new Ctp01Reply.StartAck(optionalLocation(fields));
            case "stop":
                return new Ctp01Reply.StopAck(optionalLocation(fields));
            case "getdata":
                if (fields.size() != 3 || !isDigits(fields.get(2), 9)) {
                    throw new LineError(Kind.MALFORMED_REPLY, "ack~getdata needs one item count");
                }
                return new Ctp01Reply.GetDataAck(Integer.parseInt(fields.get(2)));
            case "ping":
                return new Ctp01Reply.PingAck();
            default:
                throw new LineError(Kind.UNKNOWN_MESSAGE, "unknown reply ack~" + command);
        }
    }

    private static List<String> locationList(List<String> fields) {
        // a trailing separator with nothing after it means "no locations", not an empty name
        if (fields.size() == 3 && fields.get(2).isEmpty()) {
            return List.of();
        }
        List<String> locations = new ArrayList<>(fields.subList(2, fields.size()));
        locations.forEach(Ctp01LineParser::checkLocation);
        return locations;
    }

    private static Optional<String> optionalLocation(List<String> fields) {
        if (fields.size() > 3) {
            throw new LineError(Kind.EXTRA_FIELDS, "ack~" + fields.get(1) + " takes at most a location");
        }
        if (fields.size() == 2) {
            return Optional.empty();
        }
        return Optional.of(checkLocation(fields.get(2)));
    }

    private TagEvent parseTagEvent(String line) {
        TagEventFormat format;
        try {
            format = TagEventFormat.parse(line.substring(0, TagEventFormat.CODE_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new LineError(Kind.UNSUPPORTED_FORMAT, e.getMessage());
        }
        if (line.length() == TagEventFormat.CODE_LENGTH) {
            throw new LineError(Kind.MISSING_FIELDS, "tag event without fields");
        }
        if (line.charAt(TagEventFormat.CODE_LENGTH) != format.separator()) {
            throw new LineError(Kind.UNSUPPORTED_FORMAT, "field separator does not match " + format);
        }
        rejectControlCharacters(line, format.separator());
        List<String> fields = split(line, format.separator());
        if (fields.size() < 8) {
            throw new LineError(Kind.MISSING_FIELDS, "tag event has " + fields.size() + " of 8 fields");
        }
        if (fields.size() > 8) {
            throw new LineError(Kind.EXTRA_FIELDS, "tag event has " + fields.size() + " fields, expected 8");
        }
        int sequence = parseSequence(fields.get(1));
        String location = checkLocation(fields.get(2));
        String tag = fields.get(3);
        String rawTime = fields.get(4);
        Instant time = parseTime(rawTime);
        int lapCount = parseDigits(fields.get(5), 9, Kind.INVALID_LAP_COUNT, "lap count");
        String readerId = parseReaderId(fields.get(6));
        int gator = parseDigits(fields.get(7), 2, Kind.INVALID_GATOR, "gator");
        switch (tag) {
            case GunTime.TAG_LITERAL:
                return new GunTime(format, sequence, location, time, rawTime, readerId);
            case NewLocation.TAG_LITERAL:
                return new NewLocation(format, sequence, location, time, rawTime, readerId);
            default:
                return new TagObservation(format, sequence, location, checkTag(tag), time, rawTime, lapCount,
                        readerId, gator);
        }
    }

    private Instant parseTime(String text) {
        try {
            return timeFormat.parse(text, venueClock);
        } catch (DateTimeParseException e) {
            throw new LineError(Kind.INVALID_TIME, "time is not a valid " + timeFormat.optionValue() + " time: "
                    + e.getMessage());
        }
    }

    private static int parseSequence(String text) {
        if (!isDigits(text, 9)) {
            throw new LineError(Kind.INVALID_SEQUENCE, "sequence is not a number");
        }
        int sequence = Integer.parseInt(text);
        if (sequence < 1 || sequence > TagObservation.MAX_SEQUENCE) {
            throw new LineError(Kind.INVALID_SEQUENCE, "sequence " + sequence + " is outside 1..999999");
        }
        return sequence;
    }

    private static String checkLocation(String location) {
        int length = location.codePointCount(0, location.length());
        if (location.isBlank() || length > TagObservation.MAX_LOCATION_LENGTH) {
            throw new LineError(Kind.INVALID_LOCATION, "location must be 1 to 16 characters");
        }
        // only reachable in lines with another separator; such a location could never be named in
        // start~<location> or getdata, so it is refused where it appears
        if (location.indexOf('~') >= 0) {
            throw new LineError(Kind.INVALID_LOCATION, "location contains '~'");
        }
        return location;
    }

    private static String checkTag(String tag) {
        if (tag.isEmpty() || tag.length() > TagObservation.MAX_TAG_LENGTH) {
            throw new LineError(Kind.INVALID_TAG, "tag must be 1 to 8 characters");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new LineError(Kind.INVALID_TAG, "tag must be printable ASCII without spaces");
            }
        }
        return tag;
    }

    private static String parseReaderId(String text) {
        if (text.length() != 6) {
            throw new LineError(Kind.INVALID_READER_ID, "reader id must be 6 hex digits");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
            if (!hex) {
                throw new LineError(Kind.INVALID_READER_ID, "reader id must be 6 hex digits");
            }
        }
        // one reader must be one segment however the client cases it
        return text.toUpperCase(Locale.ROOT);
    }

    private static int parseDigits(String text, int maxDigits, Kind kind, String what) {
        if (!isDigits(text, maxDigits)) {
            throw new LineError(kind, what + " must be 1 to " + maxDigits + " digits");
        }
        return Integer.parseInt(text);
    }

    private static boolean isDigits(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void rejectControlCharacters(String line, char separator) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c) && c != separator) {
                throw new LineError(Kind.CONTROL_CHARACTER, "control character in line");
            }
        }
    }

    private static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields;
    }

    private static String fieldOrEmpty(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    private static String joinFrom(List<String> fields, int index, char separator) {
        return index < fields.size() ? String.join(String.valueOf(separator), fields.subList(index, fields.size())) : "";
    }

    /** Internal control flow: one line's verdict. Carries no stack trace, it is not a fault. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Kind kind;

        LineError(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
