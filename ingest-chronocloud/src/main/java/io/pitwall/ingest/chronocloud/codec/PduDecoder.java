package io.pitwall.ingest.chronocloud.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes the UTF-8 bytes of one text frame into a {@link ChronoCloudPdu}, or says precisely why it
 * cannot ({@link PduDecodeError}). Never throws for any input.
 *
 * <p>Rules, from the document and the protocol notes:
 * <ul>
 *   <li>A PDU is one JSON object with {@code station}, {@code competition}, {@code signature},
 *       {@code sent} and a {@code data} object; nothing may follow it.</li>
 *   <li>All values the document defines are strings; a number, boolean, null, object or array there
 *       is an error ({@code "id": 70} is refused, not guessed). Members the document does not define
 *       are ignored whatever their type, so a newer ChronoFly can add some.</li>
 *   <li>Required: {@code station}, {@code competition}, {@code data.event}; for a passing {@code id},
 *       {@code type}, {@code round}, {@code time}, {@code transponder}; for connected {@code id}.
 *       Optional: {@code signature}, {@code sent}, and everything else.</li>
 *   <li>A member that appears twice is an error: the verifier checks the signature over the
 *       {@code data} text while the session acts on the parsed values, and the two must not be able
 *       to disagree.</li>
 * </ul>
 *
 * <p>The {@code data} object's exact text is kept in {@link Envelope#signedData()}: the signature is
 * over the bytes the station sent, not over a re-serialisation.
 *
 * <p>Stateless and thread-safe.
 */
public final class PduDecoder {

    /** PDUs are two levels deep; anything deeper is only skipped, and this bounds that work. */
    private static final int MAX_NESTING = 16;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    /** Envelope members the document defines (all strings besides {@code data}). */
    private static final Set<String> ENVELOPE_STRINGS = Set.of("station", "competition", "signature", "sent");
    /** {@code data} members the document defines for any event; all strings. */
    private static final Set<String> DATA_STRINGS = Set.of("event", "id", "type", "round", "time", "tctime",
            "transponder", "hits", "lap", "version", "message", "message2");

    /** Decodes one frame's bytes. */
    public ChronoCloudInbound decode(byte[] frame) {
        try {
            return decodeOrThrow(frame);
        } catch (Refused refused) {
            return PduDecodeError.of(refused.kind, refused.getMessage(), frame);
        } catch (JsonProcessingException e) {
            return PduDecodeError.of(DecodeErrorKind.MALFORMED_JSON, jsonProblem(e), frame);
        } catch (IOException e) {
            // reading a byte array does no I/O; treat anything else Jackson reports as malformed input
            return PduDecodeError.of(DecodeErrorKind.MALFORMED_JSON, String.valueOf(e.getMessage()), frame);
        }
    }

    /** Decodes a frame given as text (tests, tools). */
    public ChronoCloudInbound decode(String frame) {
        return decode(frame.getBytes(StandardCharsets.UTF_8));
    }

    private ChronoCloudInbound decodeOrThrow(byte[] frame) throws IOException {
        Map<String, String> envelope = new HashMap<>();
        Map<String, String> data = null;
        String dataText = null;
        try (JsonParser p = JSON.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Refused(DecodeErrorKind.NOT_AN_OBJECT, "the frame is not a JSON object");
            }
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new Refused(DecodeErrorKind.DUPLICATE_MEMBER, quote(name) + " appears twice");
                }
                JsonToken value = p.nextToken();
                if (name.equals("data")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new Refused(DecodeErrorKind.NOT_AN_OBJECT, "data is not an object");
                    }
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    data = readData(p);
                    int end = (int) p.currentLocation().getByteOffset();
                    dataText = new String(frame, start, end - start, StandardCharsets.UTF_8);
                } else if (ENVELOPE_STRINGS.contains(name)) {
                    envelope.put(name, string(p, value, name));
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new Refused(DecodeErrorKind.TRAILING_DATA, "something follows the PDU's closing brace");
            }
        }
        String station = required(envelope, "station", "");
        String competition = required(envelope, "competition", "");
        if (data == null) {
            throw new Refused(DecodeErrorKind.MISSING_MEMBER, "data is missing");
        }
        Envelope env = new Envelope(station, competition, new PduSignature(envelope.getOrDefault("signature", "")),
                optionalTime(envelope, "sent", ""), dataText);
        String event = required(data, "event", "data.");
        return switch (event) {
            case PassingPdu.EVENT -> new PassingPdu(env, id(data), required(data, "type", "data."),
                    required(data, "round", "data."), time(data, "time"), optionalTime(data, "tctime", "data."),
                    required(data, "transponder", "data."), Optional.ofNullable(data.get("hits")),
                    Optional.ofNullable(data.get("lap")));
            case ConnectedPdu.EVENT -> new ConnectedPdu(env, id(data), Optional.ofNullable(data.get("version")));
            case KeepalivePdu.EVENT -> new KeepalivePdu(env,
                    data.containsKey("id") ? Optional.of(id(data)) : Optional.empty());
            case MalfunctionPdu.EVENT -> new MalfunctionPdu(env, Optional.ofNullable(data.get("message")),
                    Optional.ofNullable(data.get("message2")), Optional.ofNullable(data.get("type")));
            default -> throw new Refused(DecodeErrorKind.UNKNOWN_EVENT, "data.event " + quote(event) + " is unknown");
        };
    }

    /** Reads the members of {@code data}; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private static Map<String, String> readData(JsonParser p) throws IOException {
        Map<String, String> data = new HashMap<>();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!seen.add(name)) {
                throw new Refused(DecodeErrorKind.DUPLICATE_MEMBER, "data." + quote(name) + " appears twice");
            }
            JsonToken value = p.nextToken();
            if (DATA_STRINGS.contains(name)) {
                data.put(name, string(p, value, "data." + name));
            } else {
                p.skipChildren();
            }
        }
        return data;
    }

    private static String string(JsonParser p, JsonToken token, String member) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new Refused(DecodeErrorKind.NOT_A_STRING, member + " is " + describe(token) + ", not a string");
        }
        return p.getText();
    }

    private static String required(Map<String, String> members, String name, String prefix) {
        String value = members.get(name);
        if (value == null) {
            throw new Refused(DecodeErrorKind.MISSING_MEMBER, prefix + name + " is missing");
        }
        return value;
    }

    private static EventId id(Map<String, String> data) {
        String text = required(data, "id", "data.");
        return EventId.parse(text).orElseThrow(() -> new Refused(DecodeErrorKind.INVALID_ID,
                "data.id " + quote(text) + " is not a non-negative decimal number"));
    }

    private static PduTime time(Map<String, String> data, String name) {
        String text = required(data, name, "data.");
        return parseTime(text, "data." + name);
    }

    private static Optional<PduTime> optionalTime(Map<String, String> members, String name, String prefix) {
        String text = members.get(name);
        return text == null ? Optional.empty() : Optional.of(parseTime(text, prefix + name));
    }

    private static PduTime parseTime(String text, String member) {
        return PduTime.parse(text).orElseThrow(() -> new Refused(DecodeErrorKind.INVALID_TIME,
                member + " " + quote(text) + " is neither ISO 8601 nor a time of day"));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> String.valueOf(token);
        };
    }

    /** Names and values from the frame are quoted short, so a detail stays one readable line. */
    private static String quote(String s) {
        return "'" + PduDecodeError.printable(s, 40) + "'";
    }

    /** Jackson's message without its source-excerpt tail, which would repeat the frame. */
    private static String jsonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "not valid JSON";
        }
        int newline = message.indexOf('\n');
        String first = newline >= 0 ? message.substring(0, newline) : message;
        String offset = e.getLocation() == null ? "?" : Long.toString(e.getLocation().getByteOffset());
        return "not valid JSON: " + PduDecodeError.printable(first, 120) + " at offset " + offset;
    }

    /** A frame this decoder refuses, with the kind and a short detail. Stack-free: garbage is not exceptional. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final DecodeErrorKind kind;

        Refused(DecodeErrorKind kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }
    }
}
