package io.pitwall.ingest.ctp01.codec;

/**
 * A line that could not be decoded. The session counts it and reads on.
 *
 * @param kind    what was wrong, for metrics
 * @param excerpt the start of the line with control characters escaped and any authentication
 *                string removed, safe to log
 * @param detail  a short human-readable explanation
 */
public record Ctp01DecodeError(Kind kind, String excerpt, String detail) implements Ctp01Inbound {

    public enum Kind {
        EMPTY_LINE,
        /** The connection closed in the middle of a line; the partial line is dropped. */
        TRUNCATED_LINE,
        /** Not valid UTF-8. */
        INVALID_ENCODING,
        /** A control character (other than a TAB separator) inside the line, e.g. a lone CR. */
        CONTROL_CHARACTER,
        UNKNOWN_MESSAGE,
        /** A greeting for a protocol other than CTP01. */
        UNSUPPORTED_PROTOCOL,
        /** A tag event in a format this codec cannot read. */
        UNSUPPORTED_FORMAT,
        MISSING_FIELDS,
        EXTRA_FIELDS,
        INVALID_SEQUENCE,
        INVALID_LOCATION,
        INVALID_TAG,
        INVALID_TIME,
        INVALID_LAP_COUNT,
        INVALID_READER_ID,
        INVALID_GATOR,
        /** An {@code ack}/{@code err}/{@code authorize} line of the wrong shape. */
        MALFORMED_REPLY
    }
}
