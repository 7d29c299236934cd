package io.pitwall.ingest.smartrace;

import io.pitwall.ingest.core.backoff.BackoffFields;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.Validator;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.ingest.smartrace.bridge.BridgeSettings;
import io.pitwall.ingest.smartrace.server.ServerSettings;
import io.pitwall.ingest.smartrace.session.SensorSession;
import io.pitwall.ingest.smartrace.venue.SensorToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every option of the Smartrace ingest, declared once (name, type, default, validation, description),
 * and the typed settings derived from them. The common ingest options and {@code reconnect.backoff.*}
 * (used by the bridge) come on top.
 */
public final class SmartraceConfig {

    /** Venue ids appear in URL paths and metric tags: keep them to safe characters. */
    static final Pattern VENUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final ConfigField<Integer> PORT = ConfigField.integer("smartrace.port")
            .withDefault(50780)
            .withValidator(Validators.port())
            .withDescription("WebSocket port sensors connect to, as they would to Smartrace Connect (0 = any free port)");

    public static final ConfigField<String> BIND_ADDRESS = ConfigField.string("smartrace.bind.address")
            .withDefault("0.0.0.0")
            .withValidator(Validators.notBlank())
            .withDescription("Interface the sensor ports listen on");

    public static final ConfigField<String> VENUE = ConfigField.string("smartrace.venue")
            .withValidator(venueId())
            .withDescription("Venue of sensors connecting to the root path ws://host:port/ (real sensors, unchanged); "
                    + "unset: the root path is refused");

    public static final ConfigField<List<String>> VENUES = ConfigField.list("smartrace.venues")
            .withValidator(Validators.eachItem(venueId()))
            .withDescription("Further venues served on the main port at ws://host:port/venues/{id}");

    public static final ConfigField<List<String>> VENUE_PORTS = ConfigField.list("smartrace.venue.ports")
            .withValidator(Validators.eachItem(venuePort()))
            .withDescription("Venues with a port of their own, venue=port[,venue=port]: every sensor on that port "
                    + "belongs to the venue (for sensors that cannot be given a path)");

    public static final ConfigField<String> TOKEN = ConfigField.string("smartrace.token")
            .secret()
            .withDescription("Token sensors must present (?token=... on the URL or Authorization: Bearer ...); "
                    + "unset: no token needed (trusted network)");

    public static final ConfigField<Integer> API_VERSION = ConfigField.integer("smartrace.api.version")
            .withDefault(7)
            .withValidator(Validators.intRange(1, 99))
            .withDescription("API version announced to sensors (Smartrace Connect uses 6 or 7)");

    public static final ConfigField<Integer> CONTROLLERS = ConfigField.integer("smartrace.controllers")
            .withDefault(6)
            .withValidator(Validators.intRange(1, 255))
            .withDescription("Controllers always listed in update_controller_data (more if the entry list uses higher ones)");

    public static final ConfigField<Integer> MAX_MESSAGE_BYTES = ConfigField.integer("smartrace.max.message.bytes")
            .withDefault(4096)
            .withValidator(Validators.intRange(256, 1_048_576))
            .withDescription("Longest WebSocket message accepted from a sensor; a longer one closes the connection");

    public static final ConfigField<Duration> PING_INTERVAL = ConfigField.duration("smartrace.ping.interval")
            .withDefault(Duration.ofSeconds(15))
            .withValidator(zeroOrPositive())
            .withDescription("Ping a sensor (and a bridged Smartrace) after this long without sending it anything; 0s = never");

    public static final ConfigField<Duration> IDLE_TIMEOUT = ConfigField.duration("smartrace.idle.timeout")
            .withDefault(Duration.ofSeconds(60))
            .withValidator(zeroOrPositive())
            .withDescription("Close a sensor connection after this long without any frame or pong from it; 0s = never");

    public static final ConfigField<Integer> MAX_CONNECTIONS = ConfigField.integer("smartrace.max.connections")
            .withDefault(256)
            .withValidator(Validators.intRange(1, 100_000))
            .withDescription("Sensor connections accepted at once over all ports; further ones get HTTP 503");

    public static final ConfigField<Integer> WORKER_THREADS = ConfigField.integer("smartrace.worker.threads")
            .withDefault(2)
            .withValidator(Validators.intRange(1, 64))
            .withDescription("Event loop threads for sensor and bridge connections");

    public static final ConfigField<Duration> ANCHOR_TOLERANCE = ConfigField.duration("smartrace.anchor.tolerance")
            .withDefault(Duration.ofMillis(500))
            .withValidator(zeroOrPositive())
            .withDescription("How far after its receipt a crossing may be placed by the sensor's counter before the "
                    + "counter is re-anchored (absorbs network jitter so the sensor's lap times stay exact)");

    public static final ConfigField<Duration> DEDUPE_WINDOW = ConfigField.duration("smartrace.dedupe.window")
            .withDefault(Duration.ofMinutes(30))
            .withValidator(Validators.positiveDuration())
            .withDescription("How long a lap is remembered to recognise the sensor re-sending it after a reconnect");

    public static final ConfigField<Duration> FLPL_WINDOW = ConfigField.duration("smartrace.flpl.window")
            .withDefault(Duration.ofMillis(250))
            .withValidator(zeroOrPositive())
            .withDescription("How long a pit leave waits for the lap of the same crossing (FLPL sensors send both)");

    public static final ConfigField<Duration> CONTROL_LOOKBACK = ConfigField.duration("smartrace.control.lookback")
            .withDefault(Duration.ofHours(12))
            .withValidator(Validators.positiveDuration())
            .withDescription("How far back race control is read at startup to know each venue's race status");

    public static final ConfigField<List<String>> BRIDGE_URLS = ConfigField.list("smartrace.bridge.urls")
            .withValidator(Validators.eachItem(bridgeUrl()))
            .withDescription("Bridge mode: relay each sensor to a real Smartrace Connect, [venue=]ws://tablet:50780 "
                    + "(an entry without venue= applies to every venue without its own); unset: no bridge");

    public static final ConfigField<Integer> BRIDGE_BUFFER = ConfigField.integer("smartrace.bridge.buffer")
            .withDefault(64)
            .withValidator(Validators.intRange(0, 10_000))
            .withDescription("Sensor messages kept per connection while the bridged Smartrace is unreachable, "
                    + "sent when it is back (oldest dropped first)");

    /** The ingest's own options plus the reconnect backoff the bridge uses. */
    public static final ConfigFields FIELDS = ConfigFields.of(PORT, BIND_ADDRESS, VENUE, VENUES, VENUE_PORTS, TOKEN,
                    API_VERSION, CONTROLLERS, MAX_MESSAGE_BYTES, PING_INTERVAL, IDLE_TIMEOUT, MAX_CONNECTIONS,
                    WORKER_THREADS, ANCHOR_TOLERANCE, DEDUPE_WINDOW, FLPL_WINDOW, CONTROL_LOOKBACK, BRIDGE_URLS,
                    BRIDGE_BUFFER)
            .and(BackoffFields.FIELDS);

    private final Configuration config;

    public SmartraceConfig(Configuration config) {
        this.config = config;
    }

    public Configuration configuration() {
        return config;
    }

    /** Every venue served: the default venue, the path venues and the port venues. */
    public Set<String> servedVenues() {
        Set<String> venues = new LinkedHashSet<>();
        config.getOptional(VENUE).ifPresent(venues::add);
        venues.addAll(config.getOptional(VENUES).orElse(List.of()));
        venues.addAll(venuePorts().keySet());
        return venues;
    }

    /** Venue → port from {@code smartrace.venue.ports}. */
    public Map<String, Integer> venuePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String item : config.getOptional(VENUE_PORTS).orElse(List.of())) {
            int eq = item.indexOf('=');
            ports.put(item.substring(0, eq).trim(), Integer.parseInt(item.substring(eq + 1).trim()));
        }
        return ports;
    }

    /**
     * Cross-option checks the single-option validators cannot make.
     *
     * @return what is wrong, empty when nothing
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (servedVenues().isEmpty()) {
            problems.add("No venue is served: set " + VENUE.name() + ", " + VENUES.name() + " or " + VENUE_PORTS.name());
        }
        Set<Integer> ports = new HashSet<>();
        ports.add(config.get(PORT));
        for (Map.Entry<String, Integer> entry : venuePorts().entrySet()) {
            if (entry.getValue() != 0 && !ports.add(entry.getValue())) {
                problems.add(VENUE_PORTS.name() + ": port " + entry.getValue() + " of venue " + entry.getKey()
                        + " is already used");
            }
        }
        Map<String, URI> upstreams = bridgeUpstreams();
        for (String venue : upstreams.keySet()) {
            if (!servedVenues().contains(venue)) {
                problems.add(BRIDGE_URLS.name() + ": venue " + venue + " is not served");
            }
        }
        if (config.get(IDLE_TIMEOUT).compareTo(Duration.ZERO) > 0 && config.get(PING_INTERVAL).compareTo(Duration.ZERO) > 0
                && config.get(IDLE_TIMEOUT).compareTo(config.get(PING_INTERVAL)) <= 0) {
            problems.add(IDLE_TIMEOUT.name() + " must be longer than " + PING_INTERVAL.name()
                    + ", or a sensor that only answers pings is closed");
        }
        return problems;
    }

    public SensorSession.Settings sessionSettings() {
        return new SensorSession.Settings(config.get(API_VERSION), config.get(ANCHOR_TOLERANCE), config.get(FLPL_WINDOW));
    }

    public ServerSettings serverSettings() {
        Set<String> pathVenues = servedVenues();
        return new ServerSettings(config.get(BIND_ADDRESS), config.get(PORT), venuePorts(),
                config.getOptional(VENUE).orElse(null), pathVenues, SensorToken.of(config.getOptional(TOKEN)),
                config.get(MAX_MESSAGE_BYTES), config.get(PING_INTERVAL), config.get(IDLE_TIMEOUT),
                config.get(MAX_CONNECTIONS), config.get(WORKER_THREADS), sessionSettings());
    }

    /** Bridge mode, if any upstream is configured. */
    public Optional<BridgeSettings> bridgeSettings() {
        Map<String, URI> upstreams = bridgeUpstreams();
        URI fallback = null;
        for (String item : config.getOptional(BRIDGE_URLS).orElse(List.of())) {
            if (!hasVenue(item)) {
                fallback = URI.create(item);
            }
        }
        if (upstreams.isEmpty() && fallback == null) {
            return Optional.empty();
        }
        Supplier<ReconnectBackoff> backoff = () -> ReconnectBackoff.fromConfig(config);
        return Optional.of(new BridgeSettings(upstreams, fallback, config.get(BRIDGE_BUFFER), backoff,
                config.get(PING_INTERVAL), config.get(IDLE_TIMEOUT)));
    }

    private Map<String, URI> bridgeUpstreams() {
        Map<String, URI> upstreams = new LinkedHashMap<>();
        for (String item : config.getOptional(BRIDGE_URLS).orElse(List.of())) {
            if (hasVenue(item)) {
                int eq = item.indexOf('=');
                upstreams.put(item.substring(0, eq).trim(), URI.create(item.substring(eq + 1).trim()));
            }
        }
        return upstreams;
    }

    // "venue=ws://..." has '=' before "://"; a URL's own query may contain '=' only after it
    private static boolean hasVenue(String item) {
        int eq = item.indexOf('=');
        int scheme = item.indexOf("://");
        return eq >= 0 && (scheme < 0 || eq < scheme);
    }

    private static Validator<String> venueId() {
        return id -> VENUE_ID.matcher(id).matches() ? Optional.empty()
                : Optional.of("a venue id of 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    private static Validator<String> venuePort() {
        return item -> {
            int eq = item.indexOf('=');
            String allowed = "venue=port with a valid venue id and a port from 0 to 65535";
            if (eq <= 0 || !VENUE_ID.matcher(item.substring(0, eq).trim()).matches()) {
                return Optional.of(allowed);
            }
            try {
                int port = Integer.parseInt(item.substring(eq + 1).trim());
                return port >= 0 && port <= 65_535 ? Optional.empty() : Optional.of(allowed);
            } catch (NumberFormatException e) {
                return Optional.of(allowed);
            }
        };
    }

    private static Validator<String> bridgeUrl() {
        return item -> {
            String allowed = "[venue=]ws://host:port[/path] or wss://...";
            String url = item;
            if (hasVenue(item)) {
                int eq = item.indexOf('=');
                if (!VENUE_ID.matcher(item.substring(0, eq).trim()).matches()) {
                    return Optional.of(allowed);
                }
                url = item.substring(eq + 1).trim();
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                boolean ws = "ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
                return ws && uri.getHost() != null ? Optional.empty() : Optional.of(allowed);
            } catch (URISyntaxException e) {
                return Optional.of(allowed);
            }
        };
    }

    private static Validator<Duration> zeroOrPositive() {
        return d -> d.isNegative() ? Optional.of("a duration of zero or more") : Optional.empty();
    }
}
