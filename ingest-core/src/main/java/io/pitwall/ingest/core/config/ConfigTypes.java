package io.pitwall.ingest.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The option types every Pitwall service needs. */
public final class ConfigTypes {

    public static final ConfigType<String> STRING = new ConfigType<>("string", s -> s, s -> s);

    public static final ConfigType<Integer> INT = new ConfigType<>("int", ConfigTypes::parseInt, String::valueOf);

    public static final ConfigType<Long> LONG = new ConfigType<>("long", ConfigTypes::parseLong, String::valueOf);

    public static final ConfigType<Boolean> BOOLEAN =
            new ConfigType<>("boolean", ConfigTypes::parseBoolean, String::valueOf);

    public static final ConfigType<Duration> DURATION =
            new ConfigType<>("duration", ConfigTypes::parseDuration, ConfigTypes::formatDuration);

    public static final ConfigType<Path> PATH = new ConfigType<>("path", ConfigTypes::parsePath, Path::toString);

    /** Comma-separated list; blanks around items are ignored, empty items are not allowed. */
    public static final ConfigType<List<String>> LIST =
            new ConfigType<>("list", ConfigTypes::parseList, l -> String.join(",", l));

    private static final Pattern DURATION_WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigTypes() {
    }

    /** An enum option; accepted case-insensitively, shown upper-case. */
    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String allowed = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining("|"));
        return new ConfigType<>("enum(" + allowed + ")", text -> {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("one of " + allowed.replace("|", ", "));
        }, Enum::name);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an integer");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an integer");
        }
    }

    // Strict on purpose: "yes", "1" or "on" in a config file is more often a mistake than intent.
    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("true or false");
    }

    // A bare number is rejected: "5" could mean ms or s, and guessing wrong by 1000x is a race-day outage.
    private static Duration parseDuration(String text) {
        Matcher m = DURATION_WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("a duration with a unit such as 500ms, 5s, 2m, 1h or ISO-8601 PT5S");
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    private static Path parsePath(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("a file system path (" + e.getReason() + ")");
        }
    }

    private static List<String> parseList(String text) {
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a comma-separated list without empty items");
        }
        return items;
    }
}
