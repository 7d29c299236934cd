package io.pitwall.simulator.ctp01;

import java.util.Optional;

/**
 * A {@code tagevent-format} as the box writes it: {@code CT01_<separator><terminator>}. Separator
 * digit 1 {@code ,} 2 {@code ;} 3 {@code ~} 4 {@code |} 5 TAB; terminator digit bits 1 CR, 2 LF.
 */
public record TagLineFormat(String code, char separator, String terminator) {

    public static final TagLineFormat CT01_33 = new TagLineFormat("CT01_33", '~', "\r\n");

    private static final String SEPARATORS = ",;~|\t";

    /** The format named by a {@code tagevent-format} request, if the box can write it. */
    public static Optional<TagLineFormat> fromOptionValue(String code) {
        if (code.length() != 7 || !code.startsWith("CT01_")) {
            return Optional.empty();
        }
        int separator = code.charAt(5) - '0';
        int terminator = code.charAt(6) - '0';
        if (separator < 1 || separator > SEPARATORS.length() || terminator < 1 || terminator > 3) {
            return Optional.empty();
        }
        String ending = ((terminator & 1) != 0 ? "\r" : "") + ((terminator & 2) != 0 ? "\n" : "");
        return Optional.of(new TagLineFormat(code, SEPARATORS.charAt(separator - 1), ending));
    }
}
