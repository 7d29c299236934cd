package io.pitwall.ingest.lapsnapper;

import io.pitwall.ingest.core.backoff.BackoffFields;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigProblem;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.Passthrough;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of the LapSnapper ingest, declared once (name, type, default, validation, description), and the
 * validated settings read from a {@link Configuration}.
 *
 * <p>Servers are listed in one option, {@code lapsnapper.servers=spa@10.1.0.7,brands@10.2.0.9:9001}. Password,
 * PIN code and product id apply to every server; a venue that needs its own sets
 * {@code lapsnapper.server.<venue>.password|pin|product.id} (environment:
 * {@code LAPSNAPPER_SERVER_<VENUE>_PIN}, where {@code -} and {@code _} in the venue id both become {@code _}).
 * Passwords and PIN codes are secrets: never logged, printed as {@code <secret>}.
 */
public final class LapSnapperConfig {

    /** The LapSnapper socket-server port (API 5.1). */
    public static final int DEFAULT_PORT = 9001;
    /** API 8.1: product ids above this are free for any application. */
    public static final int HIGHEST_RESERVED_PRODUCT_ID = MessageHeader.FIRST_FREE_PRODUCT_ID;

    public static final ConfigField<List<String>> SERVERS = ConfigField.list("lapsnapper.servers")
            .required()
            .withValidator(Validators.eachItem(text -> ServerAddress.parse(text).isPresent()
                    ? Optional.empty() : Optional.of(ServerAddress.EXPECTED)))
            .withDescription("LapSnapper socket servers to connect to, comma-separated venue@host[:port] (port "
                    + DEFAULT_PORT + " by default), e.g. spa@10.1.0.7,brands@10.2.0.9:9001");

    public static final ConfigField<String> PASSWORD = ConfigField.string("lapsnapper.password")
            .secret()
            .withValidator(text -> Passwords.parse(text).isPresent() ? Optional.empty() : Optional.of(Passwords.EXPECTED))
            .withDescription("Handshake password as comma-separated integers (e.g. 1,2,3,4), for every server without"
                    + " lapsnapper.server.<venue>.password");

    public static final ConfigField<String> PIN = ConfigField.string("lapsnapper.pin")
            .secret()
            .withDescription("Remote-control PIN code for every server without lapsnapper.server.<venue>.pin; without"
                    + " one, remote-control commands for the venue are refused");

    public static final ConfigField<Integer> PRODUCT_ID = ConfigField.integer("lapsnapper.product.id")
            .withDefault(HIGHEST_RESERVED_PRODUCT_ID + 1)
            .withValidator(LapSnapperConfig::checkProductId)
            .withDescription("lapSnapperProductID sent in every message; above " + HIGHEST_RESERVED_PRODUCT_ID
                    + " (free for any application, API 8.1)");

    public static final ConfigField<Integer> API_VERSION = ConfigField.integer("lapsnapper.api.version")
            .withDefault(MessageHeader.SERVER_VERSION_5_20)
            .withValidator(Validators.intRange(1, 99_999_999))
            .withDescription("Socket-server version the ingest asks for in the handshake (520000 = 5.20.000); a server"
                    + " of another version answers 6002");

    public static final ConfigField<Integer> MAX_FRAME_SIZE = ConfigField.integer("lapsnapper.max.frame.size")
            .withDefault(LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH)
            .withValidator(Validators.intRange(1024, 64 * 1024 * 1024))
            .withDescription("Largest message payload accepted, in bytes; a frame declaring more closes the connection"
                    + " with an error (the stream has no other frame boundary)");

    public static final ConfigField<Duration> CONNECT_TIMEOUT = ConfigField.duration("lapsnapper.connect.timeout")
            .withDefault(Duration.ofSeconds(5))
            .withValidator(Validators.positiveDuration())
            .withDescription("How long a TCP connect to a LapSnapper server may take before it counts as failed");

    public static final ConfigField<Duration> HANDSHAKE_TIMEOUT = ConfigField.duration("lapsnapper.handshake.timeout")
            .withDefault(Duration.ofSeconds(10))
            .withValidator(Validators.positiveDuration())
            .withDescription("How long the server may take to answer the handshake (6000) before the connection is"
                    + " closed and retried");

    public static final ConfigField<Duration> HEARTBEAT_INTERVAL = ConfigField.duration("lapsnapper.heartbeat.interval")
            .withDefault(Duration.ofSeconds(2))
            .withValidator(Validators.positiveDuration())
            .withDescription("Interval of the server's 6003 heartbeats (2s in API 5.2)");

    public static final ConfigField<Integer> HEARTBEATS_MISSED = ConfigField.integer("lapsnapper.heartbeat.missed")
            .withDefault(3)
            .withValidator(Validators.intRange(1, 100))
            .withDescription("Heartbeats missed in a row after which the connection is declared dead, reported and"
                    + " re-established");

    public static final ConfigField<Duration> DECODER_TIME_INTERVAL = ConfigField.duration("lapsnapper.decoder.time.interval")
            .withDefault(Duration.ofMinutes(1))
            .withValidator(Validators.positiveDuration())
            .withDescription("How often the decoder clock is asked for (6100) to publish its offset; also once right"
                    + " after every handshake");

    public static final ConfigField<Boolean> COMMANDS_ENABLED = ConfigField.bool("lapsnapper.commands.enabled")
            .withDefault(true)
            .withDescription("Carry out remote-control commands (DecoderCommand on timing.commands) for the configured"
                    + " venues");

    public static final ConfigField<String> COMMANDS_GROUP_ID = ConfigField.string("lapsnapper.commands.group.id")
            .withValidator(Validators.notBlank())
            .withDescription("Consumer group of the command consumer; default <service.id>-commands, i.e. one group"
                    + " per ingest instance");

    public static final ConfigField<Duration> COMMANDS_MAX_AGE = ConfigField.duration("lapsnapper.commands.max.age")
            .withDefault(Duration.ofMinutes(2))
            .withValidator(Validators.positiveDuration())
            .withDescription("A command not delivered this long after it was issued (decoder disconnected, ingest"
                    + " down) is dropped and reported instead of being carried out late");

    /** Prefix of the per-venue overrides. */
    public static final String SERVER_PREFIX = "lapsnapper.server.";

    private static final List<String> OVERRIDE_ATTRIBUTES = List.of("password", "pin", "product.id");

    /** {@code lapsnapper.server.<venue>.password|pin|product.id}. */
    public static final Passthrough SERVER_OVERRIDES = new Passthrough(
            SERVER_PREFIX,
            "Per-venue override <venue>.password, <venue>.pin or <venue>.product.id, e.g."
                    + " lapsnapper.server.spa.pin=4321 (env LAPSNAPPER_SERVER_SPA_PIN)",
            key -> Override.parse(key).isPresent(),
            key -> key.endsWith(".password") || key.endsWith(".pin"),
            LapSnapperConfig::checkOverride);

    public static final ConfigFields FIELDS = ConfigFields.of(
                    SERVERS, PASSWORD, PIN, PRODUCT_ID, API_VERSION, MAX_FRAME_SIZE, CONNECT_TIMEOUT,
                    HANDSHAKE_TIMEOUT, HEARTBEAT_INTERVAL, HEARTBEATS_MISSED, DECODER_TIME_INTERVAL,
                    COMMANDS_ENABLED, COMMANDS_GROUP_ID, COMMANDS_MAX_AGE)
            .withPassthrough(SERVER_OVERRIDES)
            .and(BackoffFields.FIELDS);

    private final List<DecoderServer> servers;
    private final int apiVersion;
    private final int maxFrameSize;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Duration heartbeatInterval;
    private final int heartbeatsMissed;
    private final Duration decoderTimeInterval;
    private final boolean commandsEnabled;
    private final String commandsGroupId;
    private final Duration commandsMaxAge;

    private LapSnapperConfig(Configuration config, List<DecoderServer> servers) {
        this.servers = List.copyOf(servers);
        this.apiVersion = config.get(API_VERSION);
        this.maxFrameSize = config.get(MAX_FRAME_SIZE);
        this.connectTimeout = config.get(CONNECT_TIMEOUT);
        this.handshakeTimeout = config.get(HANDSHAKE_TIMEOUT);
        this.heartbeatInterval = config.get(HEARTBEAT_INTERVAL);
        this.heartbeatsMissed = config.get(HEARTBEATS_MISSED);
        this.decoderTimeInterval = config.get(DECODER_TIME_INTERVAL);
        this.commandsEnabled = config.get(COMMANDS_ENABLED);
        this.commandsGroupId = config.getOptional(COMMANDS_GROUP_ID)
                .orElse(config.get(CommonFields.SERVICE_ID) + "-commands");
        this.commandsMaxAge = config.get(COMMANDS_MAX_AGE);
    }

    /**
     * The settings, with the checks single options cannot make on their own: every server has a password, every
     * override names a configured venue, no server is listed twice.
     *
     * @throws ConfigException listing every problem found
     */
    public static LapSnapperConfig from(Configuration config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> overrides = config.passthrough(SERVER_PREFIX);
        List<ServerAddress> addresses = config.get(SERVERS).stream()
                .map(text -> ServerAddress.parse(text).orElseThrow())
                .toList();

        Map<String, String> venueByNormalized = new HashMap<>();
        for (ServerAddress address : addresses) {
            String previous = venueByNormalized.putIfAbsent(Override.normalize(address.venueId()), address.venueId());
            if (previous != null && !previous.equals(address.venueId())) {
                problems.add(new ConfigProblem(SERVERS.name(), config.origin(SERVERS), null, "venue ids '" + previous
                        + "' and '" + address.venueId() + "' cannot be told apart in per-venue options"
                        + " (lapsnapper.server.<venue>.*); rename one"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (ServerAddress address : addresses) {
            if (!seen.add(address.host().toLowerCase(Locale.ROOT) + ":" + address.port())) {
                problems.add(new ConfigProblem(SERVERS.name(), config.origin(SERVERS), null,
                        "server " + address.host() + ":" + address.port() + " is listed twice"));
            }
        }
        Map<String, Map<String, String>> perVenue = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            Override o = Override.parse(key).orElseThrow();
            String venue = venueByNormalized.get(o.venue());
            if (venue == null) {
                problems.add(new ConfigProblem(SERVER_PREFIX + key, "", null,
                        "no server of this venue in " + SERVERS.name() + " " + venueByNormalized.values()));
            } else {
                perVenue.computeIfAbsent(venue, v -> new HashMap<>()).put(o.attribute(), value);
            }
        });

        Optional<List<Integer>> defaultPassword = config.getOptional(PASSWORD).flatMap(Passwords::parse);
        Optional<String> defaultPin = config.getOptional(PIN);
        int defaultProductId = config.get(PRODUCT_ID);
        List<DecoderServer> servers = new ArrayList<>();
        Set<String> withoutPassword = new HashSet<>();
        for (ServerAddress address : addresses) {
            Map<String, String> own = perVenue.getOrDefault(address.venueId(), Map.of());
            Optional<List<Integer>> password = Optional.ofNullable(own.get("password"))
                    .flatMap(Passwords::parse).or(() -> defaultPassword);
            if (password.isEmpty()) {
                if (withoutPassword.add(address.venueId())) {
                    problems.add(new ConfigProblem(PASSWORD.name(), "", null, "is required for venue "
                            + address.venueId() + " (or set " + SERVER_PREFIX + address.venueId() + ".password)"));
                }
                continue;
            }
            int productId = Optional.ofNullable(own.get("product.id")).map(Integer::parseInt).orElse(defaultProductId);
            Optional<String> pin = Optional.ofNullable(own.get("pin")).or(() -> defaultPin);
            servers.add(new DecoderServer(address.venueId(), address.host(), address.port(), password.get(),
                    productId, pin));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LapSnapperConfig(config, servers);
    }

    public List<DecoderServer> servers() {
        return servers;
    }

    /** The distinct venue ids of the servers, in configuration order. */
    public List<String> venueIds() {
        return servers.stream().map(DecoderServer::venueId).distinct().toList();
    }

    public int apiVersion() {
        return apiVersion;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public int heartbeatsMissed() {
        return heartbeatsMissed;
    }

    /** Silence after which a handshaken connection is declared dead: interval × missed heartbeats. */
    public Duration heartbeatTimeout() {
        return heartbeatInterval.multipliedBy(heartbeatsMissed);
    }

    public Duration decoderTimeInterval() {
        return decoderTimeInterval;
    }

    public boolean commandsEnabled() {
        return commandsEnabled;
    }

    public String commandsGroupId() {
        return commandsGroupId;
    }

    public Duration commandsMaxAge() {
        return commandsMaxAge;
    }

    private static Optional<String> checkProductId(int value) {
        return value > HIGHEST_RESERVED_PRODUCT_ID ? Optional.empty()
                : Optional.of("an integer above " + HIGHEST_RESERVED_PRODUCT_ID + " (lower ids are LapSnapper's own"
                        + " products, API 8.1)");
    }

    private static Optional<String> checkOverride(String key, String value) {
        Optional<Override> parsed = Override.parse(key);
        if (parsed.isEmpty()) {
            return Optional.of("keys <venue>.password, <venue>.pin or <venue>.product.id");
        }
        return switch (parsed.get().attribute()) {
            case "password" -> Passwords.parse(value).isPresent() ? Optional.empty() : Optional.of(Passwords.EXPECTED);
            case "product.id" -> {
                try {
                    yield checkProductId(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    yield Optional.of("an integer above " + HIGHEST_RESERVED_PRODUCT_ID);
                }
            }
            default -> value.isBlank() ? Optional.of("a non-empty PIN code") : Optional.empty();
        };
    }

    /** One {@code venue@host[:port]} item of {@link #SERVERS}. */
    record ServerAddress(String venueId, String host, int port) {

        static final String EXPECTED = "venue@host[:port] items, the venue id made of letters, digits, '-', '_' or"
                + " '.', the port from 1 to 65535";

        private static final Pattern SHAPE = Pattern.compile(
                "([A-Za-z0-9][A-Za-z0-9._-]*)@(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

        static Optional<ServerAddress> parse(String text) {
            Matcher m = SHAPE.matcher(text.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            int port = m.group(3) == null ? DEFAULT_PORT : Integer.parseInt(m.group(3));
            if (port < 1 || port > 65_535) {
                return Optional.empty();
            }
            return Optional.of(new ServerAddress(m.group(1), host, port));
        }
    }

    /** A per-venue override key, {@code <venue>.<attribute>}, with the venue in its normalised form. */
    record Override(String venue, String attribute) {

        static Optional<Override> parse(String key) {
            for (String attribute : OVERRIDE_ATTRIBUTES) {
                String suffix = "." + attribute;
                if (key.length() > suffix.length() && key.endsWith(suffix)) {
                    return Optional.of(new Override(normalize(key.substring(0, key.length() - suffix.length())),
                            attribute));
                }
            }
            return Optional.empty();
        }

        /**
         * Environment variables can only carry upper case and underscores, which the loader turns into dots, so a
         * venue id is compared in lower case with '-', '_' and '.' all the same.
         */
        static String normalize(String venue) {
            return venue.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
        }
    }

    /** The handshake password: the integer array of API 5.1, written {@code 1,2,3,4} or {@code [1,2,3,4]}. */
    static final class Passwords {

        static final String EXPECTED = "comma-separated integers such as 1,2,3,4";

        private Passwords() {
        }

        static Optional<List<Integer>> parse(String text) {
            String t = text.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            List<Integer> values = new ArrayList<>();
            for (String item : t.split(",", -1)) {
                try {
                    values.add(Integer.parseInt(item.trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.copyOf(values));
        }
    }
}
