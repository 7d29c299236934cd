package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps LapSnapper passwords and PIN codes out of logs: the {@code toString()} of messages and the payload
 * excerpts of {@link DecodeError}s.
 */
final class Redaction {

    static final String PIN = "****";

    private static final String MASK = "***";
    private static final String ELLIPSIS = "…";

    /** Enough text to redact around the first {@link DecodeError#MAX_EXCERPT_LENGTH} characters. */
    private static final int SCAN_WINDOW_BYTES = 1024;

    // Quotes optional on purpose: a malformed payload may still carry a secret after an unquoted key.
    private static final Pattern SECRET_KEY =
            Pattern.compile("\"?(?:password|pincode|pin)\"?\\s*:\\s*", Pattern.CASE_INSENSITIVE);

    // Values we can see the end of. Anything else (escapes, nesting, cut-off text) ends the excerpt at the key,
    // because we cannot tell where the secret stops.
    private static final Pattern CLEAN_SECRET_VALUE =
            Pattern.compile("\\[[0-9\\s,+-]*]|\"[^\"\\\\]*\"|[0-9A-Za-z+.-]+(?=\\s*[,}\\]])");

    private Redaction() {
    }

    /** The start of a payload as text for a {@link DecodeError}: secrets masked, controls shown as '.'. */
    static String excerpt(ByteBuf payload) {
        int length = Math.min(payload.readableBytes(), SCAN_WINDOW_BYTES);
        String text = payload.toString(payload.readerIndex(), length, StandardCharsets.UTF_8);
        boolean cut = payload.readableBytes() > length;

        StringBuilder out = new StringBuilder(Math.min(text.length(), 256));
        Matcher key = SECRET_KEY.matcher(text);
        int position = 0;
        while (key.find(position)) {
            out.append(text, position, key.end()).append(MASK);
            Matcher value = CLEAN_SECRET_VALUE.matcher(text).region(key.end(), text.length());
            if (!value.lookingAt()) {
                position = text.length();
                cut = true;
                break;
            }
            position = value.end();
        }
        out.append(text, position, text.length());
        return shorten(printable(out), cut);
    }

    private static StringBuilder printable(StringBuilder text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                text.setCharAt(i, '.');
            }
        }
        return text;
    }

    private static String shorten(StringBuilder text, boolean cut) {
        int max = DecodeError.MAX_EXCERPT_LENGTH;
        if (text.length() <= max && !cut) {
            return text.toString();
        }
        int keep = Math.min(text.length(), max - ELLIPSIS.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + ELLIPSIS;
    }
}
