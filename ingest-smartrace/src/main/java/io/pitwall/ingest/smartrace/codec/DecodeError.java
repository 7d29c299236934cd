package io.pitwall.ingest.smartrace.codec;

import java.util.Objects;

/**
 * A frame that is not a valid sensor message. The connection stays up; the error is counted under
 * {@link Kind#metricTag()} and logged with {@link #excerpt()}, which is safe to log (bounded, no
 * control characters).
 */
public record DecodeError(Kind kind, String detail, String excerpt) implements Inbound {

    /** Longest excerpt of the offending frame that is kept for the log. */
    public static final int MAX_EXCERPT = 60;

    /** What was wrong; the metric tag is a short fixed word so it cannot create unbounded series. */
    public enum Kind {
        INVALID_JSON("invalid_json"),
        NOT_AN_OBJECT("not_an_object"),
        MISSING_TYPE("missing_type"),
        UNKNOWN_TYPE("unknown_type"),
        MISSING_FIELD("missing_field"),
        WRONG_FIELD_TYPE("wrong_field_type"),
        OUT_OF_RANGE("out_of_range"),
        UNKNOWN_VALUE("unknown_value"),
        BINARY_FRAME("binary_frame");

        private final String metricTag;

        Kind(String metricTag) {
            this.metricTag = metricTag;
        }

        public String metricTag() {
            return metricTag;
        }
    }

    public DecodeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    /** An error about {@code frame}, keeping a loggable excerpt of it. */
    public static DecodeError of(Kind kind, String detail, String frame) {
        return new DecodeError(kind, detail, excerptOf(frame));
    }

    /** The first {@value #MAX_EXCERPT} characters, control characters shown as '?', "..." when cut. */
    public static String excerptOf(String frame) {
        if (frame == null) {
            return "";
        }
        int end = Math.min(frame.length(), MAX_EXCERPT);
        if (end > 0 && end < frame.length() && Character.isHighSurrogate(frame.charAt(end - 1))) {
            end--; // never cut a surrogate pair in half
        }
        StringBuilder sb = new StringBuilder(end + 3);
        for (int i = 0; i < end; i++) {
            char c = frame.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(frame, i) ? '?' : c);
        }
        if (end < frame.length()) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return kind.metricTag() + ": " + detail + " in '" + excerpt + "'";
    }
}
