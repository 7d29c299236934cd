package io.pitwall.ingest.chronocloud;

import io.pitwall.ingest.chronocloud.mapping.LineAssignment;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.server.ServerSettings;
import io.pitwall.ingest.chronocloud.server.TlsContexts;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigProblem;
import io.pitwall.ingest.core.config.ConfigType;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.Validator;
import io.pitwall.ingest.core.config.Validators;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every option of the ChronoCloud ingest, declared once (name, type, default, validation,
 * description), and the typed view of a loaded {@link Configuration}. The options common to all
 * ingests (Kafka, registry, health port, publisher bounds) come from ingest-core. The README's table is
 * checked against {@link #FIELDS} by a test.
 */
public final class ChronoCloudConfig {

    // --- the server -----------------------------------------------------------------------------------

    public static final ConfigField<Integer> PORT = ConfigField.integer("chronocloud.port")
            .withDefault(8275).withValidator(Validators.port())
            .withDescription("TCP port ChronoFly stations connect to (ChronoCloud 2's own port is 8275; 0 = any free port)");

    public static final ConfigField<String> BIND_ADDRESS = ConfigField.string("chronocloud.bind.address")
            .withDefault("0.0.0.0").withValidator(Validators.notBlank())
            .withDescription("Interface the WebSocket server listens on");

    public static final ConfigField<String> PATH = ConfigField.string("chronocloud.path")
            .withDefault("/").withValidator(path -> path.startsWith("/") && !path.contains("?") && !path.contains("#")
                    ? Optional.empty() : Optional.of("a URL path starting with /"))
            .withDescription("WebSocket path; requests whose path starts with it are accepted (/ accepts any)."
                    + " Other HTTP requests get 404");

    public static final ConfigField<Path> TLS_CERTIFICATE = ConfigField.path("chronocloud.tls.certificate")
            .withDescription("PEM certificate chain (server certificate first); with chronocloud.tls.private-key the"
                    + " server speaks wss:// only");

    public static final ConfigField<Path> TLS_PRIVATE_KEY = ConfigField.path("chronocloud.tls.private-key")
            .withDescription("PEM PKCS#8 private key of chronocloud.tls.certificate");

    public static final ConfigField<String> TLS_PRIVATE_KEY_PASSWORD = ConfigField.string("chronocloud.tls.private-key.password")
            .secret()
            .withDescription("Password of an encrypted chronocloud.tls.private-key; unset for an unencrypted key");

    public static final ConfigField<Integer> MAX_FRAME_BYTES = ConfigField.integer("chronocloud.max.frame.bytes")
            .withDefault(16_384).withValidator(Validators.intRange(1024, 1 << 20))
            .withDescription("Largest WebSocket message accepted (a PDU is a few hundred bytes); a larger one closes"
                    + " the connection with status 1009");

    public static final ConfigField<Integer> MAX_CONNECTIONS = ConfigField.integer("chronocloud.max.connections")
            .withDefault(512).withValidator(Validators.intRange(1, 100_000))
            .withDescription("Connections held at most; further ones are closed at once");

    public static final ConfigField<Integer> MAX_CONNECTIONS_PER_ADDRESS =
            ConfigField.integer("chronocloud.max.connections.per.address")
                    .withDefault(16).withValidator(Validators.intRange(1, 100_000))
                    .withDescription("Connections held at most from one IP address (a station needs one; several"
                            + " stations behind one NAT need more)");

    public static final ConfigField<Duration> IDLE_TIMEOUT = ConfigField.duration("chronocloud.idle.timeout")
            .withDefault(Duration.ofSeconds(95)).withValidator(Validators.positiveDuration())
            .withDescription("A connection that sends nothing for this long is reported HEARTBEAT_LOST and closed"
                    + " (ChronoFly sends a keepalive every 30 s; not applied while reads are paused for back-pressure)");

    public static final ConfigField<Duration> HANDSHAKE_TIMEOUT = ConfigField.duration("chronocloud.handshake.timeout")
            .withDefault(Duration.ofSeconds(10)).withValidator(Validators.positiveDuration())
            .withDescription("Time a new connection has to complete the WebSocket handshake");

    public static final ConfigField<Integer> IO_THREADS = ConfigField.integer("chronocloud.io.threads")
            .withDefault(0).withValidator(Validators.intRange(0, 256))
            .withDescription("Event-loop threads serving connections; 0 = twice the number of processors");

    // --- stations and venues ---------------------------------------------------------------------------

    public static final ConfigField<Map<String, String>> STATIONS = ConfigField.of("chronocloud.stations",
                    KeyValueList.type("station=venue"))
            .withDescription("Venue of each ChronoFly station, e.g. ChronoFly-12345=spa,ChronoFly-678=spa");

    public static final ConfigField<String> DEFAULT_VENUE = ConfigField.string("chronocloud.default.venue")
            .withValidator(Validators.notBlank())
            .withDescription("Venue of stations not in chronocloud.stations; unset = their PDUs are refused and not"
                    + " confirmed (the station keeps them until it is mapped)");

    public static final ConfigField<ZoneId> TIME_ZONE = ConfigField.of("chronocloud.time.zone", zoneType())
            .withDescription("Time zone of venues without their own in chronocloud.venue.time.zones, for stations that"
                    + " send times without offset; unset = the JVM's zone");

    public static final ConfigField<Map<String, String>> VENUE_TIME_ZONES = ConfigField.of("chronocloud.venue.time.zones",
                    KeyValueList.type("venue=zone"))
            .withValidator(values(ChronoCloudConfig::zoneProblem))
            .withDescription("Time zone per venue, e.g. spa=Europe/Brussels,keimola=Europe/Helsinki");

    public static final ConfigField<Map<String, String>> VENUE_DATES = ConfigField.of("chronocloud.venue.dates",
                    KeyValueList.type("venue=yyyy-mm-dd"))
            .withValidator(values(ChronoCloudConfig::dateProblem))
            .withDescription("Event date per venue for older stations that send only a time of day; unset = the date"
                    + " that puts the time nearest to when the PDU was sent");

    public static final ConfigField<Map<String, String>> LINE_MAP = ConfigField.of("chronocloud.line.map",
                    KeyValueList.type("[station-or-venue/]type=LINE[:index]"))
            .withValidator(values(ChronoCloudConfig::lineProblem))
            .withDescription("Which line a station type is, on top of the built-in map (Track-Finish=FINISH,"
                    + " Track-Sector=SECTOR, Route-Start and Route-TC-Start=START, Route-Finish and Route-TC-Finish=FINISH,"
                    + " TC-Time, TC-Separate, Route-Pause and TC-Pause=SPLIT), e.g. ChronoFly-2/Track-Sector=SECTOR:1."
                    + " LINE is one of FINISH, SECTOR, PIT_IN, PIT_OUT, START, SPLIT, UNKNOWN");

    // --- signatures and dedupe -------------------------------------------------------------------------

    public static final ConfigField<Path> KEYS_DIR = ConfigField.path("chronocloud.keys.dir")
            .withDescription("Directory of station public keys, one <station>.pem (X.509 PEM, BEGIN PUBLIC KEY) per"
                    + " station whose PDUs must be signed; stations without a key are recorded as unsigned");

    public static final ConfigField<SignatureFailureAction> SIGNATURE_FAILURE =
            ConfigField.enumeration("chronocloud.signature.failure", SignatureFailureAction.class)
                    .withDefault(SignatureFailureAction.REJECT)
                    .withDescription("PDU whose signature fails its station's key: REJECT = neither publish nor confirm"
                            + " (the station keeps re-sending it), FLAG = publish it marked signature=invalid");

    public static final ConfigField<Integer> DEDUPE_WINDOW = ConfigField.integer("chronocloud.dedupe.window")
            .withDefault(10_000).withValidator(Validators.intRange(100, 10_000_000))
            .withDescription("Passing ids remembered per station, competition and round to recognise re-sends");

    public static final ConfigField<Integer> DEDUPE_MAX_STREAMS = ConfigField.integer("chronocloud.dedupe.max.streams")
            .withDefault(4096).withValidator(Validators.intRange(16, 1_000_000))
            .withDescription("Station/competition/round numberings remembered, least recently used forgotten first");

    /** Every option of this ingest, in the order of --help and the README. */
    public static final ConfigFields FIELDS = ConfigFields.of(PORT, BIND_ADDRESS, PATH, TLS_CERTIFICATE, TLS_PRIVATE_KEY,
            TLS_PRIVATE_KEY_PASSWORD, MAX_FRAME_BYTES, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, IDLE_TIMEOUT,
            HANDSHAKE_TIMEOUT, IO_THREADS, STATIONS, DEFAULT_VENUE, TIME_ZONE, VENUE_TIME_ZONES, VENUE_DATES, LINE_MAP,
            KEYS_DIR, SIGNATURE_FAILURE, DEDUPE_WINDOW, DEDUPE_MAX_STREAMS);

    private final Configuration config;

    private ChronoCloudConfig(Configuration config) {
        this.config = config;
    }

    /**
     * The typed view, after the checks that span several options.
     *
     * @throws ConfigException naming every such problem
     */
    public static ChronoCloudConfig of(Configuration config) {
        ChronoCloudConfig typed = new ChronoCloudConfig(config);
        List<ConfigProblem> problems = new ArrayList<>();
        boolean certificate = config.getOptional(TLS_CERTIFICATE).isPresent();
        boolean key = config.getOptional(TLS_PRIVATE_KEY).isPresent();
        if (certificate != key) {
            problems.add(new ConfigProblem(certificate ? TLS_PRIVATE_KEY.name() : TLS_CERTIFICATE.name(), "", null,
                    "is required when " + (certificate ? TLS_CERTIFICATE.name() : TLS_PRIVATE_KEY.name()) + " is set"));
        }
        if (!typed.stationDirectory().acceptsAnything()) {
            problems.add(new ConfigProblem(STATIONS.name(), "", null, "no station could be accepted: set "
                    + STATIONS.name() + " (station=venue,...) or " + DEFAULT_VENUE.name()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return typed;
    }

    public ServerSettings serverSettings() {
        return new ServerSettings(config.get(BIND_ADDRESS), config.get(PORT), config.get(PATH),
                config.get(MAX_FRAME_BYTES), config.get(MAX_CONNECTIONS), config.get(MAX_CONNECTIONS_PER_ADDRESS),
                config.get(IDLE_TIMEOUT), config.get(HANDSHAKE_TIMEOUT), config.get(IO_THREADS),
                config.getOptional(TLS_CERTIFICATE).map(cert -> TlsContexts.server(cert, config.get(TLS_PRIVATE_KEY),
                        config.getOptional(TLS_PRIVATE_KEY_PASSWORD).orElse(null))));
    }

    public StationDirectory stationDirectory() {
        return new StationDirectory(config.getOptional(STATIONS).orElse(Map.of()), config.getOptional(DEFAULT_VENUE));
    }

    public VenueClocks venueClocks() {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        config.getOptional(VENUE_TIME_ZONES).orElse(Map.of()).forEach((venue, zone) -> zones.put(venue, ZoneId.of(zone)));
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        config.getOptional(VENUE_DATES).orElse(Map.of()).forEach((venue, date) -> dates.put(venue, LocalDate.parse(date)));
        return new VenueClocks(config.getOptional(TIME_ZONE).orElseGet(ZoneId::systemDefault), zones, dates);
    }

    public LineMap lineMap() {
        Map<String, LineAssignment> lines = new LinkedHashMap<>();
        config.getOptional(LINE_MAP).orElse(Map.of()).forEach((type, line) -> lines.put(type, LineAssignment.parse(line)));
        return new LineMap(lines);
    }

    /** The station keys; reading them can fail, and says which file is wrong. */
    public StationKeys stationKeys() throws IOException {
        Optional<Path> dir = config.getOptional(KEYS_DIR);
        return dir.isPresent() ? StationKeys.load(dir.get()) : StationKeys.none();
    }

    public SignatureFailureAction signatureFailureAction() {
        return config.get(SIGNATURE_FAILURE);
    }

    public int dedupeWindow() {
        return config.get(DEDUPE_WINDOW);
    }

    public int dedupeMaxStreams() {
        return config.get(DEDUPE_MAX_STREAMS);
    }

    public Duration idleTimeout() {
        return config.get(IDLE_TIMEOUT);
    }

    // --- types and validators ----------------------------------------------------------------------------

    private static ConfigType<ZoneId> zoneType() {
        return ConfigType.of("zone", text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("a time zone id such as Europe/Helsinki or UTC");
            }
        }, ZoneId::getId);
    }

    /** Applies {@code check} to every value of a key=value list; the first problem names its entry. */
    private static Validator<Map<String, String>> values(Function<String, Optional<String>> check) {
        return entries -> entries.entrySet().stream()
                .map(e -> check.apply(e.getValue()).map(p -> p + " (in " + e.getKey() + "=" + e.getValue() + ")"))
                .flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> zoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("time zone ids such as Europe/Helsinki or UTC");
        }
    }

    private static Optional<String> dateProblem(String date) {
        try {
            LocalDate.parse(date);
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("dates written yyyy-mm-dd");
        }
    }

    private static Optional<String> lineProblem(String line) {
        try {
            LineAssignment.parse(line);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("LINE or LINE:index: " + e.getMessage());
        }
    }
}
