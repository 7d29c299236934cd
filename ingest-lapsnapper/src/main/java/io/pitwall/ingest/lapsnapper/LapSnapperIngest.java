package io.pitwall.ingest.lapsnapper;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pitwall.events.DecoderCommand;
import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.ServiceContext;
import io.pitwall.ingest.lapsnapper.client.DecoderConnection;
import io.pitwall.ingest.lapsnapper.client.ReadPauses;
import io.pitwall.ingest.lapsnapper.commands.CommandConsumer;
import io.pitwall.ingest.lapsnapper.commands.CommandDispatcher;
import io.pitwall.ingest.lapsnapper.commands.CommandReporter;
import io.pitwall.ingest.lapsnapper.commands.DeadLetters;
import io.pitwall.ingest.lapsnapper.mapping.DecoderStatuses;
import io.pitwall.ingest.lapsnapper.stream.KafkaStreamPositionStore;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import io.pitwall.ingest.lapsnapper.stream.StreamPosition;
import io.pitwall.ingest.lapsnapper.stream.StreamRegistry;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LapSnapper ingest service: a TCP client of every configured LapSnapper socket server (API v5.20), which
 * publishes time events as {@code Passing}s and connection, clock and StartMatic news as {@code DecoderStatus},
 * and carries out {@code DecoderCommand}s from {@code timing.commands} on the venues' decoders.
 *
 * <pre>
 *   LapSnapper ──TCP 9001──► DecoderConnection (reconnect loop) ─► DecoderSession (handshake, heartbeats)
 *                                        │ DecoderListener
 *                                        ▼
 *                              DecoderEventPublisher ── EpochTracker ──► timing.passings, timing.decoder-status
 *   timing.commands ──► CommandConsumer ──► CommandDispatcher ──► DecoderConnection.send (6400..6405)
 * </pre>
 */
public final class LapSnapperIngest implements Ingest {

    public static final String NAME = "ingest-lapsnapper";
    public static final String SOURCE = "LAPSNAPPER";
    public static final int DEFAULT_HTTP_PORT = 9401;

    private static final Logger LOG = LoggerFactory.getLogger(LapSnapperIngest.class);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration POSITION_LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final LongSupplier wallClockMillis = System::currentTimeMillis;

    private ServiceContext context;
    private EventLoopGroup group;
    private ReadPauses pauses;
    private KafkaProducer<String, byte[]> sideProducer;
    private StreamRegistry streams;
    private CommandDispatcher dispatcher;
    private CommandConsumer commandConsumer;
    private final List<DecoderConnection> connections = new ArrayList<>();

    /** Runs the service; invalid configuration exits with status 2 before anything starts. */
    public static void main(String[] args) {
        AvroTrust.trustPitwallPackages();
        LapSnapperIngest ingest = new LapSnapperIngest();
        CommandLine commandLine = CommandLine.parse(args);
        if (!commandLine.helpRequested()) {
            // the cross-option checks (every server has a password...) belong with the per-option ones
            try {
                LapSnapperConfig.from(IngestService.of(ingest).configure(commandLine));
            } catch (ConfigException e) {
                System.err.println(NAME + ": " + e.getMessage());
                System.exit(IngestService.EXIT_CONFIG);
            }
        }
        IngestService.main(ingest, args);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public int defaultHttpPort() {
        return DEFAULT_HTTP_PORT;
    }

    @Override
    public ConfigFields fields() {
        return LapSnapperConfig.FIELDS;
    }

    /** Besides passings and statuses: commands (consumed), stream positions and dead letters (written). */
    @Override
    public List<TopicSpec> topics() {
        return List.of(Topics.PASSINGS, Topics.DECODER_STATUS, Topics.COMMANDS, Topics.INGEST_OFFSETS,
                Topics.DEAD_LETTER);
    }

    @Override
    public void start(ServiceContext ctx) {
        this.context = ctx;
        try {
            startServices(ctx, LapSnapperConfig.from(ctx.config()));
        } catch (RuntimeException | Error e) {
            stop(); // IngestService does not call stop() after a failed start: release what was started
            throw e;
        }
    }

    private void startServices(ServiceContext ctx, LapSnapperConfig config) {
        LapSnapperMetrics metrics = new LapSnapperMetrics(ctx.meterRegistry());
        KafkaClients kafka = new KafkaClients(ctx.config());

        sideProducer = kafka.sideProducer();
        KafkaStreamPositionStore store = new KafkaStreamPositionStore(sideProducer,
                () -> kafka.consumer("lapsnapper-positions", null), POSITION_LOAD_TIMEOUT, wallClockMillis);
        streams = new StreamRegistry(loadPositions(store, config), store, wallClockMillis, CHECKPOINT_INTERVAL);
        DecoderEventPublisher events = new DecoderEventPublisher(ctx.publisher(), streams, metrics, wallClockMillis);

        pauses = new ReadPauses();
        ctx.publisher().addBackPressureListener(pauses);
        int threads = Math.min(config.servers().size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("lapsnapper", true),
                NioIoHandler.newFactory());
        for (DecoderServer server : config.servers()) {
            connections.add(new DecoderConnection(server, config, group.next(), ctx.newReconnectBackoff(), events,
                    ctx.metrics(), pauses, ctx.autoReadSwitch()::attach, wallClockMillis));
        }
        for (String venue : config.venueIds()) {
            metrics.decodersReady(venue, () -> connections.stream()
                    .filter(c -> c.server().venueId().equals(venue) && c.isReady()).count());
        }
        ctx.health().addReadiness("hardware", this::hardwareCheck);

        if (config.commandsEnabled()) {
            dispatcher = new CommandDispatcher(connections, config.apiVersion(), config.commandsMaxAge(),
                    wallClockMillis, reporter(events, metrics));
            commandConsumer = new CommandConsumer(() -> kafka.consumer("commands", config.commandsGroupId()),
                    kafka.commandDeserializer(), dispatcher,
                    new DeadLetters(sideProducer, ctx.serviceId(), wallClockMillis,
                            metrics::commandDeadLettered));
            commandConsumer.start();
        }
        connections.forEach(DecoderConnection::start);
        LOG.info("Connecting to {} LapSnapper server(s): {}; remote control {}", connections.size(),
                config.servers().stream().map(DecoderServer::name).collect(Collectors.joining(", ")),
                config.commandsEnabled() ? "on (group " + config.commandsGroupId() + ")" : "off");
    }

    @Override
    public void stop() {
        if (commandConsumer != null) {
            commandConsumer.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        CompletableFuture<?>[] closing = connections.stream().map(DecoderConnection::stop)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("LapSnapper connections did not all close in time: {}", e.toString());
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (streams != null) {
            streams.close();
        }
        if (sideProducer != null) {
            sideProducer.close(Duration.ofSeconds(5));
        }
        if (context != null && pauses != null) {
            context.publisher().removeBackPressureListener(pauses);
        }
    }

    /** The connections, in configuration order (for tests and embedding). */
    public List<DecoderConnection> connections() {
        return List.copyOf(connections);
    }

    /** Ready while at least one LapSnapper server is connected and handshaken; the detail names every one. */
    CheckResult hardwareCheck() {
        long ready = connections.stream().filter(DecoderConnection::isReady).count();
        String detail = ready + "/" + connections.size() + " LapSnapper servers connected; "
                + connections.stream().map(c -> c.server().name() + ": " + c.state())
                        .collect(Collectors.joining("; "));
        return ready > 0 ? CheckResult.up(detail) : CheckResult.down(detail);
    }

    private Map<StreamKey, StreamPosition> loadPositions(KafkaStreamPositionStore store, LapSnapperConfig config) {
        try {
            Map<StreamKey, StreamPosition> positions = store.load(config.venueIds());
            LOG.info("Restored {} LapSnapper stream position(s) from {}", positions.size(),
                    Topics.INGEST_OFFSETS.name());
            return positions;
        } catch (RuntimeException e) {
            // Without positions every decoder starts a new epoch: safe (no collision), only re-sent events are
            // then not recognised as duplicates by the lap processor.
            LOG.warn("Could not read LapSnapper stream positions from {} ({}); every stream starts a new epoch",
                    Topics.INGEST_OFFSETS.name(), e.toString());
            return Map.of();
        }
    }

    private CommandReporter reporter(DecoderEventPublisher events, LapSnapperMetrics metrics) {
        return (DecoderCommand command, String streamId, CommandReporter.Result result, String message) -> {
            metrics.command(command.getVenueId(), command.getCommand().name(), result.name());
            if (result == CommandReporter.Result.SENT || result == CommandReporter.Result.DUPLICATE) {
                LOG.info("Remote control: {}", message);
            } else {
                LOG.warn("Remote control: {}", message);
            }
            events.publish(new DecoderStatuses(command.getVenueId()).command(streamId, command.getCommandId(),
                    command.getCommand().name(), result.name(), message, Instant.ofEpochMilli(
                            wallClockMillis.getAsLong())));
        };
    }
}
