package io.pitwall.schemas.registry;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one URL path segment (RFC 3986). Subjects are free text; a subject such as
 * {@code a/b} or {@code ä b} must reach the registry as one segment. {@code URLEncoder} is not
 * used because it encodes form data (space as {@code +}), not paths.
 */
final class PathSegment {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
