package io.pitwall.launcher.results;

/** Times as results sheets print them: truncated to the millisecond (the timing convention, never rounded up). */
public final class Times {

    private Times() {
    }

    /** {@code 59.123}, {@code 1:32.820}, {@code 1:02:03.004}; null stays null. */
    public static String clock(Long micros) {
        if (micros == null) {
            return null;
        }
        long millis = millis(Math.abs(micros));
        String sign = micros < 0 ? "-" : "";
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long ms = millis % 1000;
        if (hours > 0) {
            return String.format("%s%d:%02d:%02d.%03d", sign, hours, minutes, seconds, ms);
        }
        if (minutes > 0) {
            return String.format("%s%d:%02d.%03d", sign, minutes, seconds, ms);
        }
        return String.format("%s%d.%03d", sign, seconds, ms);
    }

    /** Whole milliseconds, truncated towards zero. */
    public static long millis(long micros) {
        return micros / 1000;
    }

    public static Long millis(Long micros) {
        return micros == null ? null : millis(micros.longValue());
    }
}
