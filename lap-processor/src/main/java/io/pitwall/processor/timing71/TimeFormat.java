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
        long millis = micros / 1_000L;
        long whole = Math.abs(millis / 1_000L);
        int fraction = (int) Math.abs(millis % 1_000L);
        StringBuilder text = new StringBuilder(24);
        if (millis < 0) {
            text.append('-');
        }
        text.append(whole).append('.');
        if (fraction < 100) {
            text.append(fraction < 10 ? "00" : "0");
        }
        return text.append(fraction).toString();
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
