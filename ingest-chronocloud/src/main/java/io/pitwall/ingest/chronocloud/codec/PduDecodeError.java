package io.pitwall.ingest.chronocloud.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A frame that is not a usable PDU. The session counts it and logs {@link #toString()}, then carries
 * on with the next frame: one bad PDU is no reason to drop a station.
 *
 * @param kind    why, as a fixed word for metrics
 * @param detail  what exactly, e.g. {@code data.id is missing}
 * @param excerpt the start of the frame, printable and short enough for a log line
 */
public record PduDecodeError(DecodeErrorKind kind, String detail, String excerpt) implements ChronoCloudInbound {

    /** Characters of the frame quoted in logs. */
    public static final int EXCERPT_LENGTH = 60;

    public PduDecodeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    static PduDecodeError of(DecodeErrorKind kind, String detail, byte[] frame) {
        return new PduDecodeError(kind, detail, excerpt(frame));
    }

    /**
     * The first {@value #EXCERPT_LENGTH} characters of {@code frame}, with control characters written
     * as escapes so a hostile frame cannot forge log lines, and {@code ...} when cut.
     */
    public static String excerpt(byte[] frame) {
        // decoding only a bounded prefix keeps a huge frame from costing a huge string; bytes that are
        // not UTF-8 become U+FFFD, so the result never holds a lone surrogate
        int prefix = Math.min(frame.length, EXCERPT_LENGTH * 4);
        String text = new String(frame, 0, prefix, StandardCharsets.UTF_8);
        String shown = printable(text, EXCERPT_LENGTH);
        return prefix < frame.length && !shown.endsWith("...") ? shown + "..." : shown;
    }

    /**
     * {@code text} cut to {@code max} characters ({@code ...} appended when cut) with line breaks,
     * control and format characters written as escapes: safe to put into one log line.
     */
    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < max) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            shown++;
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return kind.metricTag() + ": " + detail + " in \"" + excerpt + "\"";
    }
}
