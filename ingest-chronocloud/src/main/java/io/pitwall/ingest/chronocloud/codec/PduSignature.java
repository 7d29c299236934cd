package io.pitwall.ingest.chronocloud.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The {@code signature} member as sent. Newer ChronoFly versions write the SHA1withRSA signature in
 * base64, older ones as a (shorter) hexadecimal string. Some strings are valid in both alphabets, so
 * {@link #candidates()} offers every reading and the verifier tries each.
 */
public record PduSignature(String text) {

    /** What the text looks like. */
    public enum Encoding {
        /** Empty or absent. */
        NONE,
        /** Hexadecimal digits, an even number of them. */
        HEX,
        /** Standard base64 (line breaks ignored). */
        BASE64,
        /** Neither: it cannot be a signature. */
        UNREADABLE
    }

    public static final PduSignature NONE = new PduSignature("");

    public PduSignature {
        Objects.requireNonNull(text, "text");
    }

    public Encoding encoding() {
        if (text.isEmpty()) {
            return Encoding.NONE;
        }
        if (isHex(text)) {
            return Encoding.HEX;
        }
        return base64(text) != null ? Encoding.BASE64 : Encoding.UNREADABLE;
    }

    /** The signature bytes under each encoding the text is valid in, hex first; empty if none. */
    public List<byte[]> candidates() {
        List<byte[]> out = new ArrayList<>(2);
        if (text.isEmpty()) {
            return out;
        }
        if (isHex(text)) {
            out.add(HexFormat.of().parseHex(text));
        }
        byte[] b64 = base64(text);
        if (b64 != null) {
            out.add(b64);
        }
        return out;
    }

    private static boolean isHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** Java's older base64 encoders broke lines every 76 characters; whitespace is not data. */
    private static byte[] base64(String s) {
        String compact = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf(' ') >= 0
                ? s.replaceAll("[\\r\\n ]", "") : s;
        if (compact.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
