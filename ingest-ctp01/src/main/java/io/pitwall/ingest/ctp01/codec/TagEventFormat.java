package io.pitwall.ingest.ctp01.codec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code tagevent-format} indicator {@code CT<format>_<separator><terminator>}, e.g.
 * {@code CT01_33}. It is also the first field of every tag event line, so a line says how it is
 * written. Separator digit: 1 {@code ,} 2 {@code ;} 3 {@code ~} 4 {@code |} 5 TAB. Terminator digit
 * bits: 1 CR, 2 LF.
 *
 * <p>Only the CT01 field layout is known, and only terminators that end a line for the line framer
 * (LF, CR LF) can be carried on a CTP01 link; anything else is rejected.
 */
public record TagEventFormat(String code, char separator) {

    // declared before the constants below, which are built with them
    private static final Pattern CODE = Pattern.compile("CT(\\d{2})_(\\d)(\\d)");
    private static final char[] SEPARATORS = {0, ',', ';', '~', '|', '\t'};

    /** Length of every format indicator, {@code CT01_33}. */
    public static final int CODE_LENGTH = 7;

    /** The default format: {@code ~} separated, CR LF terminated. */
    public static final TagEventFormat CT01_33 = parse("CT01_33");
    /** The comma-separated variant. */
    public static final TagEventFormat CT01_13 = parse("CT01_13");

    public TagEventFormat {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a tagevent-format code: " + code);
        }
    }

    /**
     * Parses a format indicator.
     *
     * @throws IllegalArgumentException if it is malformed or a format this codec cannot read
     */
    public static TagEventFormat parse(String code) {
        Matcher m = CODE.matcher(code);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a tagevent-format code: " + code);
        }
        if (!m.group(1).equals("01")) {
            throw new IllegalArgumentException("unsupported tagevent-format " + code + ": only CT01 layouts are known");
        }
        int separator = m.group(2).charAt(0) - '0';
        int terminator = m.group(3).charAt(0) - '0';
        if (separator < 1 || separator >= SEPARATORS.length) {
            throw new IllegalArgumentException("unsupported tagevent-format " + code + ": unknown separator " + separator);
        }
        if ((terminator & 2) == 0 || terminator > 3) {
            throw new IllegalArgumentException("unsupported tagevent-format " + code
                    + ": lines must end in LF or CR LF on a CTP01 link");
        }
        return new TagEventFormat(code, SEPARATORS[separator]);
    }

    /** Whether {@code text} starts with something shaped like a format indicator. */
    static boolean looksLikeCode(String text) {
        return text.length() >= CODE_LENGTH && CODE.matcher(text.substring(0, CODE_LENGTH)).matches();
    }

    @Override
    public String toString() {
        return code;
    }
}
