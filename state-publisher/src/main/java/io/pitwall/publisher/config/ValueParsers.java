package io.pitwall.publisher.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the value types operators write in env vars: plain numbers, booleans, {@code 15s}-style durations, sizes. */
final class ValueParsers {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?");

    private ValueParsers() {
    }

    static int integer(String raw) {
        return Integer.parseInt(raw);
    }

    static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT15S}). */
    static Duration duration(String raw) {
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (raw.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected e.g. 500ms, 15s, 2m");
    }

    /** Bytes, with an optional binary unit: {@code 65536}, {@code 64k}, {@code 1m}. */
    static int size(String raw) {
        Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected e.g. 65536, 64k, 1m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long bytes = switch (unit) {
            case "b" -> n;
            case "k", "kb", "kib" -> n * 1024;
            default -> n * 1024 * 1024;
        };
        return Math.toIntExact(bytes);
    }

    static ZoneId zone(String raw) {
        return raw.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(raw);
    }
}
