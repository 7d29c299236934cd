package io.pitwall.ingest.ctp01;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigProblem;
import io.pitwall.ingest.core.config.ConfigType;
import io.pitwall.ingest.core.config.ConfigTypes;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.Passthrough;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.Ctp01Codec;
import io.pitwall.ingest.ctp01.codec.StreamMode;
import io.pitwall.ingest.ctp01.codec.TimeFormat;
import io.pitwall.ingest.ctp01.config.LineMap;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.config.Password;
import io.pitwall.ingest.ctp01.config.VenueConfig;
import io.pitwall.ingest.ctp01.config.VenueOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every option of the CTP01 ingest, declared once, and the validated configuration read from them.
 *
 * <p>Server-wide options are ordinary ingest-core fields ({@link #FIELDS}). Per-venue options are
 * written {@code ctp01.venue.<venue>.<option>} and declared in {@link #VENUE_OPTIONS}; they reach the
 * loader through a passthrough prefix (ingest-core has no per-venue families) whose validator types
 * and checks every key as it is loaded, so a typo or a bad value fails at start-up like any other
 * option. {@link #from} then checks what involves several options at once (a zone for venue-local
 * times, one greeting per shared port, users unique across venues, readable password secrets).
 */
public final class Ctp01Config {

    /** Per-venue options start with this, followed by the venue id. */
    public static final String VENUE_PREFIX = "ctp01.venue.";

    private static final Pattern VENUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    // ------------------------------------------------------------------ server-wide options

    public static final ConfigField<List<String>> VENUES = ConfigField.list("ctp01.venues")
            .required()
            .withValidator(Validators.eachItem(id -> VENUE_ID.matcher(id).matches() ? Optional.empty()
                    : Optional.of("venue ids of letters, digits, '-' and '_' (at most 64, no dots)")))
            .withDescription("Venue ids this process serves; each is configured with " + VENUE_PREFIX + "<venue>.* options");

    public static final ConfigField<Integer> PORT = ConfigField.integer("ctp01.port")
            .withDefault(Ctp01Codec.DEFAULT_PORT)
            .withValidator(Validators.port())
            .withDescription("TCP port ChronoTrack clients connect to, for venues without a port of their own (0 = any free port)");

    public static final ConfigField<String> BIND_ADDRESS = ConfigField.string("ctp01.bind.address")
            .withDefault("0.0.0.0")
            .withValidator(Validators.notBlank())
            .withDescription("Interface the CTP01 server listens on");

    public static final ConfigField<Integer> MAX_LINE_LENGTH = ConfigField.integer("ctp01.max.line.length")
            .withDefault(Ctp01Codec.DEFAULT_MAX_LINE_LENGTH)
            .withValidator(Validators.intRange(64, 1 << 20))
            .withDescription("Longest line a client may send, in bytes; a longer line is counted and the connection closed");

    public static final ConfigField<Duration> HANDSHAKE_TIMEOUT = ConfigField.duration("ctp01.handshake.timeout")
            .withDefault(Duration.ofSeconds(10))
            .withValidator(Validators.positiveDuration())
            .withDescription("Time a new connection has to greet, authorize and answer getconnectionid and geteventinfo before it is"
                    + " closed");

    public static final ConfigField<Duration> PING_INTERVAL = ConfigField.duration("ctp01.ping.interval")
            .withDefault(Duration.ofSeconds(10))
            .withValidator(Validators.positiveDuration())
            .withDescription("A 'ping' is sent after this long without writing to a client, so a quiet link still shows it is alive");

    public static final ConfigField<Duration> IDLE_TIMEOUT = ConfigField.duration("ctp01.idle.timeout")
            .withDefault(Duration.ofSeconds(30))
            .withValidator(Validators.positiveDuration())
            .withDescription("A connection that sends nothing (not even a ping answer) for this long is dead: reported"
                    + " HEARTBEAT_LOST and closed, so the client reconnects; longer than ctp01.ping.interval");

    public static final ConfigField<Duration> LOCATIONS_REFRESH = ConfigField.duration("ctp01.locations.refresh.interval")
            .withDefault(Duration.ofSeconds(5))
            .withValidator(Validators.positiveDuration())
            .withDescription("How often 'getlocations' asks for new timing locations (pull mode; push mode also hears"
                    + " newlocation events at once)");

    public static final ConfigField<Duration> AUTH_FAILURE_DELAY = ConfigField.duration("ctp01.auth.failure.delay")
            .withDefault(Duration.ofSeconds(1))
            .withValidator(d -> d.isNegative() || d.compareTo(Duration.ofSeconds(30)) > 0
                    ? Optional.of("a duration from 0ms to 30s") : Optional.empty())
            .withDescription("Wait before answering a failed authorization (and disconnecting): slows down password guessing");

    public static final ConfigField<Duration> RESUME_LOAD_TIMEOUT = ConfigField.duration("ctp01.resume.load.timeout")
            .withDefault(Duration.ofSeconds(60))
            .withValidator(Validators.positiveDuration())
            .withDescription("How long start-up may take to read the stored resume positions from pitwall.ingest-offsets");

    public static final ConfigField<Duration> STOP_DRAIN_TIMEOUT = ConfigField.duration("ctp01.stop.drain.timeout")
            .withDefault(Duration.ofSeconds(10))
            .withValidator(Validators.positiveDuration())
            .withDescription("On shutdown, how long to wait for Kafka to acknowledge passings already received so their"
                    + " resume positions are stored (the client resends anything not stored)");

    // ------------------------------------------------------------------ per-venue options

    private static final ConfigType<Integer> PORT_TYPE = ConfigTypes.INT;

    public static final VenueOption<Integer> VENUE_PORT = VenueOption.of("port", PORT_TYPE,
                    "TCP port of this venue's clients; venues on one port share its greeting (default: ctp01.port)")
            .withValidator(Validators.port());

    public static final VenueOption<AuthenticationMethod> AUTHENTICATION = VenueOption.of("authentication",
                    optionEnum("none|plaintext|hmac-sha1|hmac-md5|seed-sha1|seed-md5", AuthenticationMethod::fromOptionValue,
                            AuthenticationMethod::optionValue),
                    "How clients prove who they are; the digest methods get a fresh random seed per connection."
                            + " 'none' only on a port of its own")
            .withDefault(AuthenticationMethod.HMAC_SHA1);

    public static final VenueOption<String> PASSWORD = VenueOption.of("password", ConfigTypes.STRING,
                    "Password of a user of this venue, written in the configuration (masked in logs); prefer password-file")
            .asSecret().asPerUser();

    public static final VenueOption<Path> PASSWORD_FILE = VenueOption.of("password-file", ConfigTypes.PATH,
                    "File holding the user's password (a mounted Kubernetes secret); one trailing line break is ignored")
            .asPerUser();

    public static final VenueOption<String> PASSWORD_ENV = VenueOption.of("password-env", ConfigTypes.STRING,
                    "Environment variable holding the user's password")
            .asPerUser();

    public static final VenueOption<StreamMode> STREAM_MODE = VenueOption.of("stream-mode",
                    optionEnum("push|pull", Ctp01Config::streamMode, StreamMode::optionValue),
                    "push: the client sends observations as they happen after 'start'; pull: the server asks with 'getdata'")
            .withDefault(StreamMode.PUSH);

    public static final VenueOption<TimeFormat> TIME_FORMAT = VenueOption.of("time-format",
                    ConfigType.of("unix|iso|normal", Ctp01Config::timeFormat, TimeFormat::optionValue),
                    "Time format requested from the client; iso and normal are venue-local and need time-zone"
                            + " (normal also event-date)")
            .withDefault(TimeFormat.UNIX);

    public static final VenueOption<ZoneId> TIME_ZONE = VenueOption.of("time-zone",
                    ConfigType.of("zone", Ctp01Config::zone, ZoneId::getId),
                    "The venue's time zone, e.g. Europe/Brussels (for iso and normal times)");

    public static final VenueOption<LocalDate> EVENT_DATE = VenueOption.of("event-date",
                    ConfigType.of("date", Ctp01Config::date, LocalDate::toString),
                    "Date of hour 0 of normal times, YYYY-MM-DD; hours above 24 roll into the following days");

    public static final VenueOption<Boolean> GUN_TIMES = VenueOption.of("guntimes", ConfigTypes.BOOLEAN,
                    "Ask for gun-time events in push mode (published as DecoderStatus GUN_TIME)")
            .withDefault(true);

    public static final VenueOption<Boolean> PUSHMODE_ACK = VenueOption.of("pushmode-ack", ConfigTypes.BOOLEAN,
                    "Ask the client to acknowledge every start command (a refused start is then reported and retried)")
            .withDefault(true);

    public static final VenueOption<Integer> PULL_BATCH = VenueOption.of("pull.batch", ConfigTypes.INT,
                    "Pull mode: most observations asked for per getdata; a full answer is followed at once by the next")
            .withDefault(100)
            .withValidator(Validators.intRange(1, 10_000));

    public static final VenueOption<Duration> PULL_INTERVAL = VenueOption.of("pull.interval", ConfigTypes.DURATION,
                    "Pull mode: pause after a round of getdata that drained every location")
            .withDefault(Duration.ofSeconds(1))
            .withValidator(Validators.positiveDuration());

    public static final VenueOption<LineMap> LINES = VenueOption.of("lines",
                    ConfigType.of("list of location:KIND[:index]", text -> LineMap.parse(ConfigTypes.LIST.parse(text)),
                            LineMap::format),
                    "Line of each location, e.g. finish:FINISH,s1:SECTOR:1,pitin:PIT_IN; others are UNKNOWN and left to"
                            + " the session's line map (the raw location is in the passing's attributes)")
            .withDefault(LineMap.EMPTY);

    /** Every per-venue option, in documentation order. */
    public static final List<VenueOption<?>> VENUE_OPTIONS = List.of(VENUE_PORT, AUTHENTICATION, PASSWORD,
            PASSWORD_FILE, PASSWORD_ENV, STREAM_MODE, TIME_FORMAT, TIME_ZONE, EVENT_DATE, GUN_TIMES, PUSHMODE_ACK,
            PULL_BATCH, PULL_INTERVAL, LINES);

    /** {@code ctp01.venue.<venue>.<option>}: typed and checked per key while loading. */
    public static final Passthrough VENUE_PASSTHROUGH = new Passthrough(VENUE_PREFIX,
            "Per-venue option " + VENUE_PREFIX + "<venue>.<option>, options: "
                    + VENUE_OPTIONS.stream().map(o -> o.name() + (o.perUser() ? ".<user>" : ""))
                    .collect(Collectors.joining(", "))
                    + " (config file or command line only; see the README)",
            // environment variable names cannot tell a venue id from an option name reliably
            key -> false,
            key -> VenueKey.parse(key).map(k -> k.option().secret()).orElse(false),
            Ctp01Config::checkVenueKey);

    public static final ConfigFields FIELDS = ConfigFields.of(VENUES, PORT, BIND_ADDRESS, MAX_LINE_LENGTH,
            HANDSHAKE_TIMEOUT, PING_INTERVAL, IDLE_TIMEOUT, LOCATIONS_REFRESH, AUTH_FAILURE_DELAY, RESUME_LOAD_TIMEOUT,
            STOP_DRAIN_TIMEOUT).withPassthrough(VENUE_PASSTHROUGH);

    // ------------------------------------------------------------------ the validated configuration

    private final int port;
    private final String bindAddress;
    private final int maxLineLength;
    private final Duration handshakeTimeout;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Duration locationsRefresh;
    private final Duration authFailureDelay;
    private final Duration resumeLoadTimeout;
    private final Duration stopDrainTimeout;
    private final List<VenueConfig> venues;
    private final List<Listener> listeners;

    private Ctp01Config(Configuration config, List<VenueConfig> venues, List<Listener> listeners) {
        this.port = config.get(PORT);
        this.bindAddress = config.get(BIND_ADDRESS);
        this.maxLineLength = config.get(MAX_LINE_LENGTH);
        this.handshakeTimeout = config.get(HANDSHAKE_TIMEOUT);
        this.pingInterval = config.get(PING_INTERVAL);
        this.idleTimeout = config.get(IDLE_TIMEOUT);
        this.locationsRefresh = config.get(LOCATIONS_REFRESH);
        this.authFailureDelay = config.get(AUTH_FAILURE_DELAY);
        this.resumeLoadTimeout = config.get(RESUME_LOAD_TIMEOUT);
        this.stopDrainTimeout = config.get(STOP_DRAIN_TIMEOUT);
        this.venues = List.copyOf(venues);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Reads and cross-checks the loaded options.
     *
     * @param environment where {@code password-env} variables are looked up
     * @throws ConfigException listing every problem found
     */
    public static Ctp01Config from(Configuration config, Map<String, String> environment) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Map<String, String>> byVenue = new LinkedHashMap<>();
        List<String> declared = config.get(VENUES);
        declared.forEach(id -> byVenue.put(id, new TreeMap<>()));
        if (declared.stream().distinct().count() != declared.size()) {
            problems.add(new ConfigProblem(VENUES.name(), config.origin(VENUES), String.join(",", declared),
                    "each venue once"));
        }
        config.passthrough(VENUE_PREFIX).forEach((key, value) -> {
            String venue = key.substring(0, Math.max(0, key.indexOf('.')));
            Map<String, String> options = byVenue.get(venue);
            if (options == null) {
                problems.add(new ConfigProblem(VENUE_PREFIX + key, "", null,
                        "venue '" + venue + "' is not listed in " + VENUES.name() + " " + declared));
            } else {
                options.put(key.substring(venue.length() + 1), value);
            }
        });
        int sharedPort = config.get(PORT);
        List<VenueConfig> venues = new ArrayList<>();
        byVenue.forEach((id, options) -> venueConfig(id, options, sharedPort, environment, problems)
                .ifPresent(venues::add));
        checkUsersUnique(venues, problems);
        List<Listener> listeners = listeners(venues, problems);
        if (config.get(IDLE_TIMEOUT).compareTo(config.get(PING_INTERVAL)) <= 0) {
            problems.add(new ConfigProblem(IDLE_TIMEOUT.name(), config.origin(IDLE_TIMEOUT),
                    ConfigTypes.DURATION.format(config.get(IDLE_TIMEOUT)),
                    "must be longer than " + PING_INTERVAL.name() + " ("
                            + ConfigTypes.DURATION.format(config.get(PING_INTERVAL)) + "), or a quiet link looks dead"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Ctp01Config(config, venues, listeners);
    }

    private static Optional<VenueConfig> venueConfig(String id, Map<String, String> options, int sharedPort,
                                                     Map<String, String> environment, List<ConfigProblem> problems) {
        int before = problems.size();
        Map<String, Password> users = new LinkedHashMap<>();
        Map<VenueOption<?>, Object> values = new LinkedHashMap<>();
        options.forEach((rest, text) -> {
            String key = VENUE_PREFIX + id + "." + rest;
            Optional<VenueKey> parsed = VenueKey.parse(id + "." + rest);
            if (parsed.isEmpty()) {
                return; // reported by the passthrough validator while loading
            }
            VenueOption<?> option = parsed.get().option();
            Object value;
            try {
                value = option.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(key, "", option.secret() ? "<secret>" : text, e.getMessage()));
                return;
            }
            if (!option.perUser()) {
                values.put(option, value);
                return;
            }
            String user = parsed.get().user();
            readPassword(option, value, environment).ifPresentOrElse(password -> {
                if (users.putIfAbsent(user, password) != null) {
                    problems.add(new ConfigProblem(key, "", null, "user '" + user
                            + "' has more than one password source: use one of password, password-file, password-env"));
                }
            }, () -> problems.add(new ConfigProblem(key, "", option.secret() ? "<secret>" : text,
                    passwordProblem(option, value, environment))));
        });
        AuthenticationMethod authentication = value(values, AUTHENTICATION);
        TimeFormat timeFormat = value(values, TIME_FORMAT);
        ZoneId zone = value(values, TIME_ZONE);
        LocalDate eventDate = value(values, EVENT_DATE);
        String where = VENUE_PREFIX + id + ".";
        if (authentication != AuthenticationMethod.NONE && users.isEmpty()) {
            problems.add(new ConfigProblem(where + "password.<user>", "", null, "authentication="
                    + authentication.optionValue() + " needs at least one user with a password (password,"
                    + " password-file or password-env)"));
        }
        if (authentication == AuthenticationMethod.NONE && !users.isEmpty()) {
            problems.add(new ConfigProblem(where + AUTHENTICATION.name(), "", "none",
                    "users are configured but would never be asked for their password; choose a method"));
        }
        if (timeFormat.isVenueLocal() && zone == null) {
            problems.add(new ConfigProblem(where + TIME_ZONE.name(), "", null, "time-format=" + timeFormat.optionValue()
                    + " is venue-local: set the venue's time zone (or use time-format=unix)"));
        }
        if (timeFormat == TimeFormat.NORMAL && eventDate == null) {
            problems.add(new ConfigProblem(where + EVENT_DATE.name(), "", null,
                    "time-format=normal counts hours from midnight of the event date: set it (YYYY-MM-DD)"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        Integer port = value(values, VENUE_PORT);
        return Optional.of(new VenueConfig(id, port == null ? sharedPort : port, authentication, users,
                value(values, STREAM_MODE), timeFormat, zone, eventDate, value(values, GUN_TIMES),
                value(values, PUSHMODE_ACK), value(values, PULL_BATCH), value(values, PULL_INTERVAL), value(values, LINES)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Map<VenueOption<?>, Object> values, VenueOption<T> option) {
        Object value = values.get(option);
        return value != null ? (T) value : option.defaultValue();
    }

    private static Optional<Password> readPassword(VenueOption<?> option, Object value,
                                                   Map<String, String> environment) {
        String password;
        if (option == PASSWORD) {
            password = (String) value;
        } else if (option == PASSWORD_ENV) {
            password = environment.get((String) value);
        } else {
            try {
                password = stripOneLineBreak(Files.readString((Path) value, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return password == null || password.isEmpty() ? Optional.empty() : Optional.of(new Password(password));
    }

    private static String passwordProblem(VenueOption<?> option, Object value, Map<String, String> environment) {
        if (option == PASSWORD_ENV) {
            return environment.get((String) value) == null ? "environment variable " + value + " is not set"
                    : "environment variable " + value + " is empty";
        }
        if (option == PASSWORD_FILE) {
            Path file = (Path) value;
            return Files.isReadable(file) ? "the file is empty" : "the file does not exist or cannot be read";
        }
        return "a password must not be empty";
    }

    private static String stripOneLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void checkUsersUnique(List<VenueConfig> venues, List<ConfigProblem> problems) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (VenueConfig venue : venues) {
            for (String user : venue.users().keySet()) {
                String other = owner.putIfAbsent(user, venue.id());
                if (other != null) {
                    problems.add(new ConfigProblem(VENUE_PREFIX + venue.id() + ".password*." + user, "", null,
                            "user '" + user + "' is also a user of venue '" + other
                                    + "'; the user that authenticates picks the venue, so users must be unique"));
                }
            }
        }
    }

    private static List<Listener> listeners(List<VenueConfig> venues, List<ConfigProblem> problems) {
        Map<Integer, List<VenueConfig>> byPort = new TreeMap<>();
        venues.forEach(v -> byPort.computeIfAbsent(v.port(), p -> new ArrayList<>()).add(v));
        List<Listener> listeners = new ArrayList<>();
        byPort.forEach((port, onPort) -> {
            if (onPort.size() > 1) {
                List<String> ids = onPort.stream().map(VenueConfig::id).toList();
                if (onPort.stream().map(VenueConfig::greeting).distinct().count() > 1) {
                    problems.add(new ConfigProblem("port " + port, "", null, "venues " + ids + " share port " + port
                            + " but differ in authentication, stream-mode, time-format, guntimes or pushmode-ack; a"
                            + " client is greeted before it says who it is, so give each such venue its own port"));
                }
                if (onPort.get(0).authentication() == AuthenticationMethod.NONE) {
                    problems.add(new ConfigProblem("port " + port, "", null, "venues " + ids + " share port " + port
                            + " with authentication=none; only the user tells them apart: choose a method"));
                }
            }
            listeners.add(new Listener(port, onPort));
        });
        return listeners;
    }

    /** Problem with one {@code <venue>.<option>} key and its value, checked while loading. */
    static Optional<String> checkVenueKey(String key, String value) {
        Optional<VenueKey> parsed = VenueKey.parse(key);
        if (parsed.isEmpty()) {
            return Optional.of("<venue>.<option> with option one of " + VENUE_OPTIONS.stream()
                    .map(o -> o.name() + (o.perUser() ? ".<user>" : "")).toList());
        }
        try {
            parsed.get().option().parse(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code <venue>.<option>[.<user>]} split up. */
    record VenueKey(String venue, VenueOption<?> option, String user) {

        static Optional<VenueKey> parse(String key) {
            int dot = key.indexOf('.');
            if (dot <= 0 || !VENUE_ID.matcher(key.substring(0, dot)).matches()) {
                return Optional.empty();
            }
            String venue = key.substring(0, dot);
            String rest = key.substring(dot + 1);
            for (VenueOption<?> option : VENUE_OPTIONS) {
                if (!option.perUser() && rest.equals(option.name())) {
                    return Optional.of(new VenueKey(venue, option, null));
                }
                if (option.perUser() && rest.startsWith(option.name() + ".")) {
                    String user = rest.substring(option.name().length() + 1);
                    if (isUserId(user)) {
                        return Optional.of(new VenueKey(venue, option, user));
                    }
                }
            }
            return Optional.empty();
        }

        /** A user id is sent as one field of {@code authorize~<user>~<string>}. */
        private static boolean isUserId(String user) {
            return !user.isEmpty() && user.indexOf('~') < 0 && user.chars().noneMatch(Character::isISOControl);
        }
    }

    // ------------------------------------------------------------------ types

    private static <E> ConfigType<E> optionEnum(String allowed, java.util.function.Function<String, E> parse,
                                                java.util.function.Function<E, String> format) {
        return ConfigType.of(allowed, text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("one of " + allowed.replace("|", ", "));
            }
        }, format);
    }

    private static StreamMode streamMode(String text) {
        return Arrays.stream(StreamMode.values()).filter(m -> m.optionValue().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("push or pull"));
    }

    private static TimeFormat timeFormat(String text) {
        if (text.equalsIgnoreCase("msecs")) {
            throw new IllegalArgumentException("one of unix, iso, normal (msecs is not defined by the CTP01 document:"
                    + " its own example is not milliseconds of anything)");
        }
        return Arrays.stream(TimeFormat.values()).filter(f -> f.optionValue().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("one of unix, iso, normal"));
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a time zone id such as Europe/Brussels or UTC");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a date written YYYY-MM-DD");
        }
    }

    // ------------------------------------------------------------------ accessors

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration locationsRefresh() {
        return locationsRefresh;
    }

    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    public Duration resumeLoadTimeout() {
        return resumeLoadTimeout;
    }

    public Duration stopDrainTimeout() {
        return stopDrainTimeout;
    }

    public List<VenueConfig> venues() {
        return venues;
    }

    public Optional<VenueConfig> venue(String id) {
        return venues.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** The ports to listen on, each with its venues. */
    public List<Listener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        return "Ctp01Config[port=" + port + ", venues=" + venues.stream().map(VenueConfig::id).toList()
                + ", listeners=" + listeners.stream().map(l -> l.port() + "=" + l.venues().stream()
                .map(VenueConfig::id).toList()).toList() + "]";
    }
}
