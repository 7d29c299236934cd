package io.pitwall.ingest.chronocloud.codec;

import java.util.Locale;

/** Why a frame is not a usable PDU; {@link #metricTag()} is the {@code kind} of the decode-error counter. */
public enum DecodeErrorKind {
    /** Not JSON at all, broken JSON, invalid UTF-8 or nesting beyond any PDU's. */
    MALFORMED_JSON,
    /** Something after the PDU's closing brace. */
    TRAILING_DATA,
    /** The frame, or its {@code data}, is not a JSON object. */
    NOT_AN_OBJECT,
    /** A member appears twice: which one counts would be a guess (and a signature could cover the other). */
    DUPLICATE_MEMBER,
    /** A member the PDU needs is missing. */
    MISSING_MEMBER,
    /** A member is a number, boolean, null, array or object where the document has a string. */
    NOT_A_STRING,
    /** {@code data.event} is none of passing, connected, keepalive, malfunction. */
    UNKNOWN_EVENT,
    /** {@code data.id} is not a non-negative decimal number. */
    INVALID_ID,
    /** A time is neither ISO 8601 nor a time of day. */
    INVALID_TIME,
    /** A binary WebSocket frame; ChronoCloud 2 is text only. */
    BINARY_FRAME,
    /** A frame or message larger than the configured maximum; the connection is closed. */
    FRAME_TOO_LARGE,
    /** Broken WebSocket framing (unmasked frame, bad opcode, invalid UTF-8 text); the connection is closed. */
    WEBSOCKET_PROTOCOL;

    public String metricTag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
