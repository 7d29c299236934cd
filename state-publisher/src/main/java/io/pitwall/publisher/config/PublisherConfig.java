package io.pitwall.publisher.config;

import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every option of the state publisher, declared once. A value comes from the command line
 * ({@code --http.port=8080} or {@code --http.port 8080}), else its environment variable, else the
 * default. {@link #helpText()} and the README table are generated from the same declarations.
 */
public final class PublisherConfig {

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = string(
            "kafka.bootstrap", "KAFKA_BOOTSTRAP", "host:port[,host:port]", "localhost:9092",
            "Kafka bootstrap servers (the same variable `pitwall up` prints).", s -> !s.isBlank(), "must not be empty");

    public static final ConfigOption<String> KAFKA_CONFIG = string(
            "kafka.config", "PUBLISHER_KAFKA_CONFIG", "path", "",
            "Optional Kafka client properties file (TLS, SASL, client.rack ...), applied on top of the publisher's consumer settings.",
            s -> s.isEmpty() || Files.isReadable(Path.of(s)), "must be a readable file");

    public static final ConfigOption<String> STATES_TOPIC = string(
            "states.topic", "PUBLISHER_STATES_TOPIC", "topic", Topics.TIMING71_STATES.name(),
            "Compacted topic of Timing71 states, key = service uuid.", s -> !s.isBlank(), "must not be empty");

    public static final ConfigOption<String> MANIFESTS_TOPIC = string(
            "manifests.topic", "PUBLISHER_MANIFESTS_TOPIC", "topic", Topics.TIMING71_MANIFESTS.name(),
            "Compacted topic of Timing71 manifests, key = service uuid.", s -> !s.isBlank(), "must not be empty");

    public static final ConfigOption<String> ANALYSIS_TOPIC = string(
            "analysis.topic", "PUBLISHER_ANALYSIS_TOPIC", "topic", "",
            "Optional compacted topic of Timing71 analysis documents (key = service uuid); empty = no ANALYSIS_STATE messages.",
            s -> true, "");

    public static final ConfigOption<String> BIND_ADDRESS = string(
            "bind.address", "PUBLISHER_BIND_ADDRESS", "address", "0.0.0.0",
            "Address every listener binds to.", s -> !s.isBlank(), "must not be empty");

    public static final ConfigOption<Integer> HTTP_PORT = port(
            "http.port", "PUBLISHER_HTTP_PORT", "8080",
            "HTTP port: live timing page, REST, SSE, WebSocket at /t71/{uuid}, health and metrics. 0 = any free port.", false);

    public static final ConfigOption<Integer> T71_PORT = port(
            "t71.port", "PUBLISHER_T71_PORT", "24771",
            "Timing71 command-line server protocol port (t71://host:port): / = default service, /services/{uuid}. 0 = any free port, -1 = off.", true);

    public static final ConfigOption<Integer> RMONITOR_PORT = port(
            "rmonitor.port", "PUBLISHER_RMONITOR_PORT", "50000",
            "RMonitor (AMB results protocol) TCP feed of the default service. 0 = any free port, -1 = off.", true);

    public static final ConfigOption<String> DEFAULT_SERVICE = string(
            "default.service", "PUBLISHER_DEFAULT_SERVICE", "uuid or name", "",
            "Service behind the t71 root path and the RMonitor feed: a service uuid, or a manifest name (the newest live "
                    + "service of that name, so a venue's next session is picked up). Empty = the only live service.",
            s -> true, "");

    public static final ConfigOption<Integer> MAX_CONNECTIONS = integer(
            "max.connections", "PUBLISHER_MAX_CONNECTIONS", "20000",
            "Open connections (all ports together) above which new ones are refused.", n -> n > 0, "must be > 0");

    public static final ConfigOption<Integer> IO_THREADS = integer(
            "io.threads", "PUBLISHER_IO_THREADS", "0",
            "Netty event-loop threads; 0 = one per core.", n -> n >= 0, "must be >= 0");

    public static final ConfigOption<Duration> KEEPALIVE_INTERVAL = duration(
            "keepalive.interval", "PUBLISHER_KEEPALIVE_INTERVAL", "15s",
            "How often WebSocket clients get a ping (its pong proves them alive against idle.timeout) and an idle SSE stream a comment, so proxies keep the connection.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = duration(
            "idle.timeout", "PUBLISHER_IDLE_TIMEOUT", "60s",
            "An HTTP connection with no request, or a WebSocket that sent nothing (not even a pong), for this long is closed.");

    public static final ConfigOption<Duration> SLOW_CLIENT_TIMEOUT = duration(
            "slow.client.timeout", "PUBLISHER_SLOW_CLIENT_TIMEOUT", "30s",
            "A subscriber whose socket stays full (not reading) for this long is disconnected; until then it is conflated.");

    public static final ConfigOption<Integer> WRITE_BUFFER_HIGH = new ConfigOption<>(
            "write.buffer.high", "PUBLISHER_WRITE_BUFFER_HIGH", "bytes (64k, 1m)", "128k",
            "Per-connection outbound bytes above which a subscriber counts as slow and gets only the newest snapshot.",
            ValueParsers::size, n -> n >= 1024, "must be >= 1k");

    public static final ConfigOption<Integer> SEND_BUFFER = new ConfigOption<>(
            "send.buffer", "PUBLISHER_SEND_BUFFER", "bytes (64k, 1m)", "256k",
            "Kernel send buffer per connection (SO_SNDBUF); bounds what a stalled client holds in the kernel and how "
                    + "stale its first update after stalling is. 256k carries 10 updates/s to a 200 ms-away client easily. "
                    + "0 = the OS's auto-tuning (up to several MiB per connection).",
            ValueParsers::size, n -> n == 0 || n >= 4096, "0 or >= 4k");

    public static final ConfigOption<Boolean> WS_COMPRESSION = bool(
            "websocket.compression", "PUBLISHER_WEBSOCKET_COMPRESSION", "true",
            "Offer permessage-deflate; each update is compressed once and the bytes shared by every client.");

    public static final ConfigOption<String> CORS_ORIGIN = string(
            "cors.origin", "PUBLISHER_CORS_ORIGIN", "origin or *", "*",
            "Access-Control-Allow-Origin for REST and SSE; empty = no CORS header.", s -> true, "");

    public static final ConfigOption<ZoneId> RMONITOR_ZONE = new ConfigOption<>(
            "rmonitor.time.zone", "PUBLISHER_RMONITOR_TIME_ZONE", "zone id", "",
            "Time zone of the RMonitor TimeOfDay fields (e.g. Europe/Lisbon); empty = the system zone.",
            ValueParsers::zone, z -> true, "");

    /** In the order {@code --help} and the README list them. */
    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP, KAFKA_CONFIG, STATES_TOPIC, MANIFESTS_TOPIC, ANALYSIS_TOPIC,
            BIND_ADDRESS, HTTP_PORT, T71_PORT, RMONITOR_PORT, DEFAULT_SERVICE,
            MAX_CONNECTIONS, IO_THREADS, KEEPALIVE_INTERVAL, IDLE_TIMEOUT, SLOW_CLIENT_TIMEOUT,
            WRITE_BUFFER_HIGH, SEND_BUFFER, WS_COMPRESSION, CORS_ORIGIN, RMONITOR_ZONE);

    private final Map<ConfigOption<?>, Object> values;

    private PublisherConfig(Map<ConfigOption<?>, Object> values) {
        this.values = values;
    }

    /** Command line over environment over defaults. Unknown {@code --options} are an error, never ignored. */
    public static PublisherConfig load(String[] args, Map<String, String> env) {
        Map<String, String> fromArgs = parseArgs(args);
        Map<ConfigOption<?>, Object> values = new HashMap<>();
        for (ConfigOption<?> option : ALL) {
            String raw;
            String origin;
            if (fromArgs.containsKey(option.name())) {
                raw = fromArgs.remove(option.name());
                origin = "--" + option.name();
            } else if (env.containsKey(option.env())) {
                raw = env.get(option.env());
                origin = "$" + option.env();
            } else {
                raw = option.defaultValue();
                origin = option.name() + " (default)";
            }
            values.put(option, option.parse(raw, origin));
        }
        if (!fromArgs.isEmpty()) {
            throw new ConfigException("unknown option(s): --" + String.join(", --", fromArgs.keySet()) + " (see --help)");
        }
        return new PublisherConfig(values);
    }

    /** Defaults overridden by option name, e.g. {@code Map.of("http.port", "0")}; for tests and embedding. */
    public static PublisherConfig of(Map<String, String> byName) {
        String[] args = byName.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return load(args, Map.of());
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "' (options look like --name=value; see --help)");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                out.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(body, args[++i]);
            } else {
                throw new ConfigException("--" + body + " needs a value");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        return (T) values.get(option);
    }

    /** Consumer properties from {@link #KAFKA_CONFIG}, empty when none is configured. */
    public Properties kafkaOverrides() {
        Properties props = new Properties();
        String file = get(KAFKA_CONFIG);
        if (!file.isEmpty()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                props.load(in);
            } catch (IOException e) {
                throw new ConfigException("--" + KAFKA_CONFIG.name() + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        return props;
    }

    public static String helpText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Pitwall state publisher: fans Timing71 state out to browsers, t71:// clients, REST/SSE and RMonitor.\n\n");
        sb.append("Usage: state-publisher [--option=value ...]   (each option can also be set by its environment variable)\n\n");
        for (ConfigOption<?> o : ALL) {
            sb.append(String.format("  --%-24s $%-33s %s%n", o.name() + "=<" + o.type() + ">", o.env(),
                    o.defaultValue().isEmpty() ? "(no default)" : "default " + o.defaultValue()));
            sb.append("      ").append(o.description()).append('\n');
        }
        sb.append("\n  --help                     this text\n");
        return sb.toString();
    }

    /** The README's configuration table, generated so it cannot drift from the code. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| option | env var | type | default | description |\n|---|---|---|---|---|\n");
        for (ConfigOption<?> o : ALL) {
            sb.append("| `--").append(o.name()).append("` | `").append(o.env()).append("` | ").append(o.type())
                    .append(" | ").append(o.defaultValue().isEmpty() ? "" : "`" + o.defaultValue() + "`")
                    .append(" | ").append(o.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static ConfigOption<String> string(String name, String env, String type, String def, String description,
                                               Predicate<String> valid, String validDescription) {
        return new ConfigOption<>(name, env, type, def, description, Function.identity(), valid, validDescription);
    }

    private static ConfigOption<Integer> integer(String name, String env, String def, String description,
                                                 Predicate<Integer> valid, String validDescription) {
        return new ConfigOption<>(name, env, "integer", def, description, ValueParsers::integer, valid, validDescription);
    }

    private static ConfigOption<Integer> port(String name, String env, String def, String description, boolean canBeOff) {
        return new ConfigOption<>(name, env, "port", def, description, ValueParsers::integer,
                p -> p <= 65535 && (p >= 0 || (canBeOff && p == -1)), canBeOff ? "0..65535 or -1" : "0..65535");
    }

    private static ConfigOption<Duration> duration(String name, String env, String def, String description) {
        return new ConfigOption<>(name, env, "duration (500ms, 15s, 2m)", def, description, ValueParsers::duration,
                d -> !d.isNegative() && !d.isZero(), "must be > 0");
    }

    private static ConfigOption<Boolean> bool(String name, String env, String def, String description) {
        return new ConfigOption<>(name, env, "boolean", def, description, ValueParsers::bool, b -> true, "");
    }
}
