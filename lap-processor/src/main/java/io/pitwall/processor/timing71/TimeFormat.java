package io.pitwall.processor.timing71;

import java.math.BigDecimal;

/**
 * Times as Timing71 shows them. Values are decimal seconds with exactly three decimals, truncated from the
 * engine's microseconds (timing truncates: 92.8209 s is a 92.820, never a 92.821); texts follow Timing71's own
 * formatting: {@code 59.123}, {@code 1:32.820}.
 */
public final class TimeFormat {

    private TimeFormat() {
    }

    public static BigDecimal seconds(long micros) {
        // integer division truncates towards zero, as RoundingMode.DOWN does, without BigDecimal arithmetic
        return BigDecimal.valueOf(micros / 1_000L, 3);
    }

    /**
     * {@link #seconds} as the JSON number text Jackson writes for it ({@code BigDecimal.toString()}: "92.820",
     * "-0.005", "0.000"), without a {@code BigDecimal}: this runs for every time cell of every state.
     */
    public static String secondsText(long micros) {
        char[] text = new char[MAX_SECONDS_CHARS];
        return new String(text, 0, secondsText(micros, text));
    }

    /** Longest text {@link #secondsText(long, char[])} writes. */
    public static final int MAX_SECONDS_CHARS = 24;

    /**
     * Writes {@link #secondsText(long)} into {@code text} (at least {@link #MAX_SECONDS_CHARS} long) and returns its
     * length: no object per time cell.
     */
    public static int secondsText(long micros, char[] text) {
        long millis = micros / 1_000L;
        int length = 0;
        if (millis < 0) {
            text[length++] = '-';
        }
        long whole = Math.abs(millis / 1_000L);
        int fraction = (int) Math.abs(millis % 1_000L);
        // digits of the whole seconds, most significant first
        int digits = 1;
        for (long rest = whole / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            text[length + i] = (char) ('0' + whole % 10);
            whole /= 10;
        }
        length += digits;
        text[length++] = '.';
        text[length++] = (char) ('0' + fraction / 100);
        text[length++] = (char) ('0' + fraction / 10 % 10);
        text[length++] = (char) ('0' + fraction % 10);
        return length;
    }

    public static String text(long micros) {
        BigDecimal seconds = seconds(Math.abs(micros));
        String sign = micros < 0 ? "-" : "";
        if (seconds.compareTo(BigDecimal.valueOf(60)) < 0) {
            return sign + seconds.toPlainString();
        }
        long minutes = seconds.divideToIntegralValue(BigDecimal.valueOf(60)).longValueExact();
        BigDecimal rest = seconds.subtract(BigDecimal.valueOf(minutes * 60));
        String restText = rest.toPlainString();
        return sign + minutes + ":" + (rest.compareTo(BigDecimal.TEN) < 0 ? "0" : "") + restText;
    }
}
