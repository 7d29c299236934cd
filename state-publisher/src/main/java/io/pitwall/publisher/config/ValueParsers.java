package io.pitwall.publisher.config;

import io.pitwall.ingest.core.config.ConfigType;
import io.pitwall.ingest.core.config.ConfigTypes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types of the publisher's options, as ingest-core {@link ConfigType}s. Their names are what
 * {@code --help} and the README show in the type column, so they say how to write a value ({@code 15s},
 * {@code 64k}). Parsers throw {@link IllegalArgumentException} saying what is expected; the loader adds
 * the option and the value.
 */
final class ValueParsers {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?");

    static final ConfigType<Integer> PORT = ConfigType.of("port", ConfigTypes.INT::parse, String::valueOf);
    static final ConfigType<Integer> INTEGER = ConfigType.of("integer", ConfigTypes.INT::parse, String::valueOf);
    static final ConfigType<Duration> DURATION =
            ConfigType.of("duration (500ms, 15s, 2m)", ConfigTypes.DURATION::parse, ValueParsers::formatDuration);
    static final ConfigType<Integer> BYTES = ConfigType.of("bytes (64k, 1m)", ValueParsers::size, ValueParsers::formatSize);
    static final ConfigType<Boolean> BOOLEAN = ConfigType.of("boolean", ValueParsers::bool, String::valueOf);
    static final ConfigType<ZoneId> ZONE = ConfigType.of("zone id", ValueParsers::zone, ZoneId::getId);

    private ValueParsers() {
    }

    /** Free text; the name says what it holds ({@code topic}, {@code host:port[,host:port]}). */
    static ConfigType<String> text(String name) {
        return ConfigType.of(name, s -> s, s -> s);
    }

    /** {@code true}/{@code false}, and the yes/no, on/off, 1/0 the publisher has always accepted. */
    static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("true or false");
        };
    }

    /** Bytes, with an optional binary unit: {@code 65536}, {@code 64k}, {@code 1m}. */
    static int size(String raw) {
        Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a size such as 65536, 64k or 1m");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        try {
            long n = Long.parseLong(m.group(1));
            long bytes = switch (unit) {
                case "b" -> n;
                case "k", "kb", "kib" -> Math.multiplyExact(n, 1024L);
                default -> Math.multiplyExact(n, 1024L * 1024);
            };
            return Math.toIntExact(bytes);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("a size below 2 GiB such as 65536, 64k or 1m");
        }
    }

    static String formatSize(int bytes) {
        if (bytes != 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "m";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "k";
        }
        return String.valueOf(bytes);
    }

    /** Whole seconds stay seconds ({@code 60s}, not {@code 1m}), as the options have always been written. */
    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a time zone id such as Europe/Lisbon or UTC");
        }
    }
}
