package io.pitwall.publisher.config;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.ConfigProblem;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.HelpPrinter;
import io.pitwall.ingest.core.config.Validator;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every option of the state publisher, declared once as ingest-core {@link ConfigField}s and loaded by
 * ingest-core's {@link ConfigLoader}: a value comes from the command line ({@code --http.port=8080} or
 * {@code --http.port 8080}), else its environment variable, else an optional properties file
 * ({@code --config FILE} or {@code PITWALL_CONFIG_FILE}), else the default. Every problem is reported at
 * once. {@code --help}, the README table and the deploy module's checks read the same declarations.
 */
public final class PublisherConfig {

    /** Prefix of every environment variable but {@code KAFKA_BOOTSTRAP}. */
    public static final String ENV_PREFIX = "PUBLISHER_";

    public static final PublisherOption<String> KAFKA_BOOTSTRAP = new PublisherOption<>(
            ConfigField.of("kafka.bootstrap", ValueParsers.text("host:port[,host:port]")).withDefault("localhost:9092")
                    .withValidator(Validators.hostPortList())
                    .withDescription("Kafka bootstrap servers (the same variable `pitwall up` prints)."),
            "KAFKA_BOOTSTRAP");

    public static final PublisherOption<String> KAFKA_CONFIG = option(
            ConfigField.of("kafka.config", ValueParsers.text("path")).withDefault("").withValidator(readableFile())
                    .withDescription("Optional Kafka client properties file (TLS, SASL, client.rack ...), applied on top "
                            + "of the publisher's consumer settings."));

    public static final PublisherOption<String> STATES_TOPIC = option(
            ConfigField.of("states.topic", ValueParsers.text("topic")).withDefault(Topics.TIMING71_STATES.name())
                    .withDescription("Compacted topic of Timing71 states, key = service uuid."));

    public static final PublisherOption<String> MANIFESTS_TOPIC = option(
            ConfigField.of("manifests.topic", ValueParsers.text("topic")).withDefault(Topics.TIMING71_MANIFESTS.name())
                    .withDescription("Compacted topic of Timing71 manifests, key = service uuid."));

    public static final PublisherOption<String> ANALYSIS_TOPIC = option(
            ConfigField.of("analysis.topic", ValueParsers.text("topic")).withDefault("")
                    .withDescription("Optional compacted topic of Timing71 analysis documents (key = service uuid); "
                            + "empty = no ANALYSIS_STATE messages."));

    public static final PublisherOption<String> BIND_ADDRESS = option(
            ConfigField.of("bind.address", ValueParsers.text("address")).withDefault("0.0.0.0")
                    .withDescription("Address every listener binds to."));

    public static final PublisherOption<Integer> HTTP_PORT = option(
            ConfigField.of("http.port", ValueParsers.PORT).withDefault(8080).withValidator(Validators.port())
                    .withDescription("HTTP port: live timing page, REST, SSE, WebSocket at /t71/{uuid}, health and "
                            + "metrics. 0 = any free port."));

    public static final PublisherOption<Integer> T71_PORT = option(
            ConfigField.of("t71.port", ValueParsers.PORT).withDefault(24771).withValidator(portOrOff())
                    .withDescription("Timing71 command-line server protocol port (t71://host:port): / = default "
                            + "service, /services/{uuid}. 0 = any free port, -1 = off."));

    public static final PublisherOption<Integer> RMONITOR_PORT = option(
            ConfigField.of("rmonitor.port", ValueParsers.PORT).withDefault(50000).withValidator(portOrOff())
                    .withDescription("RMonitor (AMB results protocol) TCP feed of the default service. "
                            + "0 = any free port, -1 = off."));

    public static final PublisherOption<String> DEFAULT_SERVICE = option(
            ConfigField.of("default.service", ValueParsers.text("uuid or name")).withDefault("")
                    .withDescription("Service behind the t71 root path and the RMonitor feed: a service uuid, or a "
                            + "manifest name (the newest live service of that name, so a venue's next session is "
                            + "picked up). Empty = the only live service."));

    public static final PublisherOption<Integer> MAX_CONNECTIONS = option(
            ConfigField.of("max.connections", ValueParsers.INTEGER).withDefault(20000)
                    .withValidator(Validators.intRange(1, Integer.MAX_VALUE))
                    .withDescription("Open connections (all ports together) above which new ones are refused."));

    public static final PublisherOption<Integer> IO_THREADS = option(
            ConfigField.of("io.threads", ValueParsers.INTEGER).withDefault(0)
                    .withValidator(Validators.intRange(0, Integer.MAX_VALUE))
                    .withDescription("Netty event-loop threads; 0 = one per core."));

    public static final PublisherOption<Duration> KEEPALIVE_INTERVAL = option(
            duration("keepalive.interval", Duration.ofSeconds(15),
                    "How often WebSocket clients get a ping (its pong proves them alive against idle.timeout) and an "
                            + "idle SSE stream a comment, so proxies keep the connection."));

    public static final PublisherOption<Duration> IDLE_TIMEOUT = option(
            duration("idle.timeout", Duration.ofSeconds(60),
                    "An HTTP connection with no request, or a WebSocket that sent nothing (not even a pong), for this "
                            + "long is closed."));

    public static final PublisherOption<Duration> SLOW_CLIENT_TIMEOUT = option(
            duration("slow.client.timeout", Duration.ofSeconds(30),
                    "A subscriber whose socket stays full (not reading) for this long is disconnected; until then it "
                            + "is conflated."));

    public static final PublisherOption<Integer> WRITE_BUFFER_HIGH = option(
            ConfigField.of("write.buffer.high", ValueParsers.BYTES).withDefault(128 * 1024)
                    .withValidator(Validators.intRange(1024, Integer.MAX_VALUE))
                    .withDescription("Per-connection outbound bytes above which a subscriber counts as slow and gets "
                            + "only the newest snapshot."));

    public static final PublisherOption<Integer> SEND_BUFFER = option(
            ConfigField.of("send.buffer", ValueParsers.BYTES).withDefault(256 * 1024)
                    .withValidator(v -> v == 0 || v >= 4096 ? Optional.empty() : Optional.of("0 or at least 4k"))
                    .withDescription("Kernel send buffer per connection (SO_SNDBUF); bounds what a stalled client holds "
                            + "in the kernel and how stale its first update after stalling is. 256k carries 10 "
                            + "updates/s to a 200 ms-away client easily. 0 = the OS's auto-tuning (up to several MiB "
                            + "per connection)."));

    public static final PublisherOption<Boolean> WS_COMPRESSION = option(
            ConfigField.of("websocket.compression", ValueParsers.BOOLEAN).withDefault(true)
                    .withDescription("Offer permessage-deflate; each update is compressed once and the bytes shared by "
                            + "every client."));

    public static final PublisherOption<String> CORS_ORIGIN = option(
            ConfigField.of("cors.origin", ValueParsers.text("origin or *")).withDefault("*")
                    .withDescription("Access-Control-Allow-Origin for REST and SSE; empty = no CORS header."));

    public static final PublisherOption<ZoneId> RMONITOR_ZONE = option(
            ConfigField.of("rmonitor.time.zone", ValueParsers.ZONE)
                    .withDescription("Time zone of the RMonitor TimeOfDay fields (e.g. Europe/Lisbon); empty = the "
                            + "system zone."));

    /** In the order {@code --help} and the README list them. */
    public static final List<PublisherOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP, KAFKA_CONFIG, STATES_TOPIC, MANIFESTS_TOPIC, ANALYSIS_TOPIC,
            BIND_ADDRESS, HTTP_PORT, T71_PORT, RMONITOR_PORT, DEFAULT_SERVICE,
            MAX_CONNECTIONS, IO_THREADS, KEEPALIVE_INTERVAL, IDLE_TIMEOUT, SLOW_CLIENT_TIMEOUT,
            WRITE_BUFFER_HIGH, SEND_BUFFER, WS_COMPRESSION, CORS_ORIGIN, RMONITOR_ZONE);

    /** The same options as ingest-core fields, for its loader and help printer. */
    public static final ConfigFields FIELDS = ConfigFields.of(ALL.stream().<ConfigField<?>>map(PublisherOption::field).toList());

    private final Configuration configuration;

    private PublisherConfig(Configuration configuration) {
        this.configuration = configuration;
    }

    /**
     * Command line over environment over config file over defaults.
     *
     * @throws ConfigException naming every unknown option and invalid value at once
     */
    public static PublisherConfig load(String[] args, Map<String, String> env) {
        return load(ConfigLoader.of(FIELDS).envPrefix(ENV_PREFIX).environment(loaderEnvironment(env))
                .commandLine(CommandLine.parse(joinSeparatedValues(args))));
    }

    /**
     * Defaults overridden by option name, e.g. {@code Map.of("http.port", "0")}; for tests and embedding
     * (the launcher). The environment is not read.
     *
     * @throws ConfigException naming every unknown option and invalid value at once
     */
    public static PublisherConfig of(Map<String, String> byName) {
        ConfigLoader loader = ConfigLoader.of(FIELDS).envPrefix(ENV_PREFIX).environment(Map.of());
        byName.forEach(loader::set);
        return load(loader);
    }

    private static PublisherConfig load(ConfigLoader loader) {
        try {
            return new PublisherConfig(loader.load());
        } catch (ConfigException e) {
            throw new ConfigException(e.problems().stream().map(PublisherConfig::withPublishedEnvName).toList());
        }
    }

    public <T> T get(PublisherOption<T> option) {
        return configuration.get(option.field());
    }

    /** {@link #RMONITOR_ZONE}, else the system zone. */
    public ZoneId rmonitorZone() {
        return configuration.getOptional(RMONITOR_ZONE.field()).orElseGet(ZoneId::systemDefault);
    }

    /** The effective configuration, one line per option with where it came from; safe to log. */
    public List<String> describe() {
        return configuration.describe();
    }

    /** Consumer properties from {@link #KAFKA_CONFIG}, empty when none is configured. */
    public Properties kafkaOverrides() {
        Properties props = new Properties();
        String file = get(KAFKA_CONFIG);
        if (!file.isEmpty()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                props.load(in);
            } catch (IOException e) {
                throw new ConfigException(List.of(new ConfigProblem(KAFKA_CONFIG.name(), "", file,
                        "cannot be read: " + e.getMessage())));
            }
        }
        return props;
    }

    public static String helpText() {
        String table = HelpPrinter.render("state-publisher", FIELDS, ENV_PREFIX);
        // the printer derives every variable from the prefix; KAFKA_BOOTSTRAP is the exception (same column width)
        String derived = KAFKA_BOOTSTRAP.loaderEnv();
        String published = KAFKA_BOOTSTRAP.env() + " ".repeat(derived.length() - KAFKA_BOOTSTRAP.env().length());
        return "Pitwall state publisher: fans Timing71 state out to browsers, t71:// clients, REST/SSE and RMonitor.\n\n"
                + table.replace(derived, published);
    }

    /** The environment as the loader expects it: each option's variable under the name the loader derives. */
    private static Map<String, String> loaderEnvironment(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        for (PublisherOption<?> option : ALL) {
            String value = env.get(option.env());
            if (value != null) {
                out.put(option.loaderEnv(), value);
            }
        }
        String configFile = env.get(ConfigLoader.CONFIG_FILE_ENV);
        if (configFile != null) {
            out.put(ConfigLoader.CONFIG_FILE_ENV, configFile);
        }
        return out;
    }

    /** A problem found in a variable the loader derived, told under the variable the user actually set. */
    private static ConfigProblem withPublishedEnvName(ConfigProblem p) {
        for (PublisherOption<?> option : ALL) {
            if (!option.env().equals(option.loaderEnv()) && ("environment variable " + option.loaderEnv()).equals(p.origin())) {
                return new ConfigProblem(p.option(), "environment variable " + option.env(), p.value(), p.message());
            }
        }
        return p;
    }

    /** {@code --http.port 8080} → {@code --http.port=8080}, the form ingest-core's command line reads. */
    private static String[] joinSeparatedValues(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean bareOption = arg.startsWith("--") && arg.length() > 2 && arg.indexOf('=') < 0
                    && !arg.equals("--help") && !arg.equals("--config");
            if (bareOption && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.add(arg + "=" + args[++i]);
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }

    private static <T> PublisherOption<T> option(ConfigField<T> field) {
        return new PublisherOption<>(field, field.envName(ENV_PREFIX));
    }

    private static ConfigField<Duration> duration(String name, Duration def, String description) {
        return ConfigField.of(name, ValueParsers.DURATION).withDefault(def)
                .withValidator(Validators.positiveDuration()).withDescription(description);
    }

    private static Validator<Integer> portOrOff() {
        return p -> p == -1 || (p >= 0 && p <= 65_535) ? Optional.empty()
                : Optional.of("a port from 0 to 65535, or -1 for off");
    }

    private static Validator<String> readableFile() {
        return s -> s.isEmpty() || Files.isReadable(Path.of(s)) ? Optional.empty() : Optional.of("a readable file");
    }
}
