package io.pitwall.launcher;

import io.pitwall.events.Entry;
import io.pitwall.events.LineKind;
import io.pitwall.events.LineMapping;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import io.pitwall.ingest.core.config.ConfigTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one configuration file of {@code pitwall up}: which timing hardware to listen to or connect to, and the
 * session (with its entry list) each venue runs. A Java properties file; see {@code pitwall up --example-config}
 * for a documented example. Keys:
 *
 * <ul>
 *   <li>{@code lapsnapper.*}, {@code ctp01.*}, {@code chronocloud.*}, {@code smartrace.*}: options of that ingest
 *       service, exactly as the service documents them (its {@code --help}). An ingest runs when the file has any
 *       option of its own.</li>
 *   <li>{@code ingest-lapsnapper.<option>}, {@code ingest-ctp01.…}, {@code ingest-chronocloud.…},
 *       {@code ingest-smartrace.…}, {@code lap-processor.…}, {@code state-publisher.…}: any other option of that
 *       service (e.g. {@code ingest-ctp01.http.port=9402}).</li>
 *   <li>{@code session.<venue>.*}: the venue's session, written to {@code timing.sessions} as race control
 *       would: {@code name}, {@code id}, {@code description}, {@code type}, {@code sectors}, {@code start-line},
 *       {@code stop}, {@code leader-finishes}, {@code order-by-total-time}, {@code minimum-lap-time},
 *       {@code minimum-sector1-time} .. {@code minimum-sector3-time}, {@code maximum-lap-time}, {@code lines}, and
 *       per car {@code car.<number>.transponders|drivers|class|team|car}.</li>
 * </ul>
 */
final class UpConfig {

    /** Service name → the prefix of its own options that also selects it. */
    static final Map<String, String> INGESTS = Map.of(
            "ingest-lapsnapper", "lapsnapper.",
            "ingest-ctp01", "ctp01.",
            "ingest-chronocloud", "chronocloud.",
            "ingest-smartrace", "smartrace.");
    static final String LAP_PROCESSOR = "lap-processor";
    static final String STATE_PUBLISHER = "state-publisher";
    static final String EXAMPLE = "io/pitwall/launcher/pitwall.example.properties";

    private static final String SESSION = "session.";
    private static final Pattern VENUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern CAR_KEY = Pattern.compile("car\\.([^.]+)\\.(transponders|drivers|class|team|car)");
    private static final Pattern LINE = Pattern.compile(
            "(?:([A-Za-z][A-Za-z0-9]*)/)?([^=]+)=([A-Za-z_]+)(?::(\\d{1,2}))?");
    private static final List<String> SESSION_KEYS = List.of("name", "id", "description", "type", "sectors",
            "start-line", "stop", "leader-finishes", "order-by-total-time", "minimum-lap-time", "minimum-sector1-time",
            "minimum-sector2-time", "minimum-sector3-time", "maximum-lap-time", "lines");

    private final Map<String, Map<String, String>> services;
    private final List<SessionConfig> sessions;

    private UpConfig(Map<String, Map<String, String>> services, List<SessionConfig> sessions) {
        this.services = services;
        this.sessions = sessions;
    }

    /** No file: no hardware, no sessions. */
    static UpConfig empty() {
        return new UpConfig(Map.of(), List.of());
    }

    /** @throws IllegalArgumentException naming every problem of the file */
    static UpConfig load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return parse(properties, file.toString());
    }

    /** The documented example file, as shipped in the launcher. */
    static String example() throws IOException {
        try (InputStream in = UpConfig.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("missing resource " + EXAMPLE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static UpConfig parse(Properties properties, String origin) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> services = new TreeMap<>();
        Map<String, Map<String, String>> sessionKeys = new TreeMap<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith(SESSION)) {
                String rest = key.substring(SESSION.length());
                int dot = rest.indexOf('.');
                String venue = dot < 0 ? rest : rest.substring(0, dot);
                if (dot < 0 || !VENUE.matcher(venue).matches()) {
                    problems.add(key + ": expected session.<venue>.<setting>, the venue id of letters, digits, '-', '_'");
                    continue;
                }
                sessionKeys.computeIfAbsent(venue, v -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
                continue;
            }
            String service = serviceOf(key);
            if (service == null) {
                problems.add(key + ": unknown setting; keys start with lapsnapper., ctp01., chronocloud., smartrace.,"
                        + " session.<venue>., or a service name (" + String.join(", ", serviceNames()) + ") and a dot");
                continue;
            }
            String option = INGESTS.containsValue(prefixOf(key)) ? key : key.substring(service.length() + 1);
            services.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(option, value);
        }
        List<SessionConfig> sessions = new ArrayList<>();
        sessionKeys.forEach((venue, keys) -> session(venue, keys, problems).ifPresent(sessions::add));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(origin + ":\n  " + String.join("\n  ", problems));
        }
        return new UpConfig(services, sessions);
    }

    private static List<String> serviceNames() {
        List<String> names = new ArrayList<>(new TreeMap<>(INGESTS).keySet());
        names.add(LAP_PROCESSOR);
        names.add(STATE_PUBLISHER);
        return names;
    }

    private static String prefixOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot + 1);
    }

    /** The service a key belongs to, or null. */
    private static String serviceOf(String key) {
        for (Map.Entry<String, String> ingest : INGESTS.entrySet()) {
            if (key.startsWith(ingest.getValue()) || key.startsWith(ingest.getKey() + ".")) {
                return ingest.getKey();
            }
        }
        for (String service : List.of(LAP_PROCESSOR, STATE_PUBLISHER)) {
            if (key.startsWith(service + ".")) {
                return service;
            }
        }
        return null;
    }

    /** The ingests to run: those with options of their own in the file. */
    List<String> ingests() {
        return services.keySet().stream().filter(INGESTS::containsKey)
                .filter(name -> services.get(name).keySet().stream().anyMatch(k -> k.startsWith(INGESTS.get(name))))
                .toList();
    }

    /** The options of a service from the file (empty if none). */
    Map<String, String> options(String service) {
        return services.getOrDefault(service, Map.of());
    }

    /** The sessions, {@code updatedAt} still to be set when they are written. */
    List<SessionConfig> sessions() {
        return sessions;
    }

    private static java.util.Optional<SessionConfig> session(String venue, Map<String, String> keys,
                                                             List<String> problems) {
        int before = problems.size();
        String where = SESSION + venue + ".";
        Map<String, Map<String, String>> cars = new TreeMap<>(CAR_ORDER);
        keys.forEach((key, value) -> {
            Matcher car = CAR_KEY.matcher(key);
            if (car.matches()) {
                cars.computeIfAbsent(car.group(1), n -> new LinkedHashMap<>()).put(car.group(2), value);
            } else if (!SESSION_KEYS.contains(key)) {
                problems.add(where + key + ": unknown session setting; known: " + String.join(", ", SESSION_KEYS)
                        + ", car.<number>.transponders|drivers|class|team|car");
            }
        });
        String name = keys.get("name");
        if (name == null || name.isBlank()) {
            problems.add(where + "name: required (what viewers see)");
        }
        SessionType type = enumValue(SessionType.class, keys.getOrDefault("type", "practice"), where + "type", problems);
        int sectors = integer(keys.getOrDefault("sectors", "1"), 1, 3, where + "sectors", problems);
        int startLine = integer(keys.getOrDefault("start-line", "0"), 0, 2, where + "start-line", problems);
        StopRule stop = stopRule(keys.getOrDefault("stop", "manual"), bool(keys.getOrDefault("leader-finishes", "true"),
                where + "leader-finishes", problems), where + "stop", problems);
        boolean totalTime = bool(keys.getOrDefault("order-by-total-time", "false"), where + "order-by-total-time",
                problems);
        Long minimumLap = millis(keys.get("minimum-lap-time"), where + "minimum-lap-time", problems);
        Long maximumLap = millis(keys.get("maximum-lap-time"), where + "maximum-lap-time", problems);
        TrackSettings track = TrackSettings.newBuilder()
                .setMinimumLapTimeEnabled(minimumLap != null)
                .setMinimumLapTimeMillis(minimumLap == null ? 0 : minimumLap)
                .setMinimumSector1TimeMillis(orZero(millis(keys.get("minimum-sector1-time"),
                        where + "minimum-sector1-time", problems)))
                .setMinimumSector2TimeMillis(orZero(millis(keys.get("minimum-sector2-time"),
                        where + "minimum-sector2-time", problems)))
                .setMinimumSector3TimeMillis(orZero(millis(keys.get("minimum-sector3-time"),
                        where + "minimum-sector3-time", problems)))
                .setMaximumLapTimeEnabled(maximumLap != null)
                .setMaximumLapTimeMillis(maximumLap == null ? 0 : maximumLap)
                .build();
        List<LineMapping> lines = lines(keys.getOrDefault("lines", ""), where + "lines", problems);
        List<Entry> entries = new ArrayList<>();
        cars.forEach((number, car) -> {
            List<String> transponders = list(car.get("transponders"), "[,;]");
            if (transponders.isEmpty()) {
                problems.add(where + "car." + number + ".transponders: required (what the timing hardware reports for"
                        + " this car)");
            }
            entries.add(Entry.newBuilder().setCarNumber(number).setClassName(blankToNull(car.get("class")))
                    .setTeam(blankToNull(car.get("team"))).setDrivers(list(car.get("drivers"), ";"))
                    .setCar(blankToNull(car.get("car"))).setTransponders(transponders).build());
        });
        if (problems.size() > before) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SessionConfig.newBuilder()
                .setVenueId(venue)
                .setSessionId(keys.getOrDefault("id", venue + "-1"))
                .setName(name)
                .setDescription(keys.getOrDefault("description", ""))
                .setType(type)
                .setSectorCount(sectors)
                .setStartLine(startLine)
                .setStopRule(stop)
                .setResultsOrderedByTotalTime(totalTime)
                .setTrackSettings(track)
                .setLineMap(lines)
                .setEntries(entries)
                .setUpdatedAt(Instant.EPOCH)
                .build());
    }

    /** Car numbers in numeric order where they are numbers ("2" before "10"), then as text. */
    private static final Comparator<String> CAR_ORDER = Comparator
            .comparing((String n) -> n.matches("\\d{1,9}") ? Integer.parseInt(n) : Integer.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    private static StopRule stopRule(String text, boolean leaderFinishes, String key, List<String> problems) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        StopRule.Builder rule = StopRule.newBuilder().setLeaderFinishes(leaderFinishes);
        if (t.equals("manual")) {
            return rule.setKind(StopKind.MANUAL).setValue(0).build();
        }
        if (t.startsWith("laps:")) {
            return rule.setKind(StopKind.LAPS).setValue(integer(t.substring(5), 1, 100_000, key, problems)).build();
        }
        if (t.startsWith("time:")) {
            Long ms = millis(t.substring(5), key, problems);
            return rule.setKind(StopKind.TIME).setValue(ms == null ? 0 : ms / 1000).build();
        }
        problems.add(key + ": '" + text + "' is not manual, laps:<n> or time:<duration> (e.g. time:30m)");
        return rule.setKind(StopKind.MANUAL).build();
    }

    private static List<LineMapping> lines(String text, String key, List<String> problems) {
        List<LineMapping> lines = new ArrayList<>();
        for (String item : list(text, "[,;]")) {
            Matcher m = LINE.matcher(item);
            Source source = null;
            LineKind kind = null;
            if (m.matches()) {
                source = m.group(1) == null ? null : enumValue(Source.class, m.group(1), key, problems);
                kind = enumValue(LineKind.class, m.group(3), key, problems);
            }
            if (!m.matches() || kind == null) {
                problems.add(key + ": '" + item + "' is not [SOURCE/]match=KIND[:index], e.g. CTP01/split1=SECTOR:1");
                continue;
            }
            lines.add(LineMapping.newBuilder().setSource(source).setMatch(m.group(2).trim()).setLine(kind)
                    .setLineIndex(m.group(4) == null ? null : Integer.parseInt(m.group(4))).build());
        }
        return lines;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String key, List<String> problems) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            return type.getEnumConstants()[0];
        }
    }

    private static int integer(String text, int min, int max, String key, List<String> problems) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": '" + text + "' is not a whole number from " + min + " to " + max);
        return min;
    }

    private static boolean bool(String text, String key, List<String> problems) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            problems.add(key + ": '" + text + "' is not true or false");
        }
        return t.equals("true");
    }

    /** A duration such as 45s, 90s, 500ms or PT1M30S, in milliseconds; null when not set. */
    private static Long millis(String text, String key, List<String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration d = ConfigTypes.DURATION.parse(text.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d.toMillis();
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problems.add(key + ": '" + text + "' is not a duration such as 45s, 92500ms, 2m or PT1M32.5S");
        return null;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static List<String> list(String text, String separators) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(separators)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
