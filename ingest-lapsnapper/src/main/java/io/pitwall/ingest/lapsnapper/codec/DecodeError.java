package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * A frame whose boundary was intact but whose content could not be turned into a {@link LapSnapperMessage}.
 * Passed down the pipeline like a message so the session can count it, log it and go on.
 *
 * @param kind          what was wrong
 * @param messageId     the message id of the frame (also for ids this API version does not define)
 * @param payloadLength the payload length the frame declared (and carried)
 * @param detail        a short human description naming the offending field, never a field's value
 * @param excerpt       the start of the payload as text, at most {@value #MAX_EXCERPT_LENGTH} characters, with
 *                      password and PIN values masked and control characters shown as '.'
 */
public record DecodeError(Kind kind, int messageId, int payloadLength, String detail, String excerpt)
        implements DecodeResult {

    public static final int MAX_EXCERPT_LENGTH = 120;

    public DecodeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(excerpt, "excerpt");
        if (excerpt.length() > MAX_EXCERPT_LENGTH) {
            throw new IllegalArgumentException("excerpt longer than " + MAX_EXCERPT_LENGTH + " characters");
        }
    }

    /** What was wrong with a frame's content. */
    public enum Kind {
        /** The frame id is not one of API v5.20's message ids. */
        UNKNOWN_MESSAGE_ID,
        /** The frame declared a zero-length payload. */
        EMPTY_PAYLOAD,
        /** The payload is not valid UTF-8 (or a string escapes to an unpaired UTF-16 surrogate). */
        INVALID_UTF8,
        /** The payload is not one well-formed JSON value (syntax error, trailing data, duplicate key, too deep). */
        MALFORMED_JSON,
        /** The payload is well-formed JSON but not an object. */
        NOT_AN_OBJECT,
        /** A required field is absent. */
        MISSING_FIELD,
        /** A field has the wrong JSON type, e.g. a string where the API defines an integer. */
        WRONG_TYPE,
        /** An integer field holds a number too large for its type. */
        OUT_OF_RANGE,
        /** {@code messageHeader.messageID} disagrees with the frame's message id. */
        HEADER_ID_MISMATCH
    }
}
