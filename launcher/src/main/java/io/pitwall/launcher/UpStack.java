package io.pitwall.launcher;

import io.pitwall.events.SessionConfig;
import io.pitwall.ingest.chronocloud.ChronoCloudConfig;
import io.pitwall.ingest.chronocloud.ChronoCloudIngest;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.ctp01.Ctp01Config;
import io.pitwall.ingest.ctp01.Ctp01Ingest;
import io.pitwall.ingest.lapsnapper.LapSnapperConfig;
import io.pitwall.ingest.lapsnapper.LapSnapperIngest;
import io.pitwall.ingest.smartrace.SmartraceConfig;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.publisher.StatePublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code pitwall up}'s services: the lap processor and the state publisher always; each ingest the configuration
 * file has hardware for, listening on (or connecting to) the real ports; and the configured sessions written to
 * {@code timing.sessions} when they changed.
 */
final class UpStack {

    private final StackRunner.Stack stack;
    private final UpConfig config;
    private final PublisherOptions ports;
    private final Progress progress;
    private final Lifecycle lifecycle;
    private final LocalServices services;
    private final Starting starting;

    UpStack(StackRunner.Stack stack, UpConfig config, PublisherOptions ports) {
        this.stack = stack;
        this.config = config;
        this.ports = ports;
        this.progress = stack.progress();
        this.lifecycle = stack.lifecycle();
        LocalInfrastructure infrastructure = stack.infrastructure();
        this.services = new LocalServices(infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl(),
                infrastructure.dataDir());
        this.starting = new Starting(progress, lifecycle);
    }

    /**
     * Checks every service's options and the cross-option rules before anything starts.
     *
     * @throws RuntimeException (a service's ConfigException) naming the problems
     */
    static void validate(UpConfig config, PublisherOptions ports) {
        LocalServices check = new LocalServices("127.0.0.1:9092", "http://127.0.0.1:8081", Path.of("."));
        check.lapProcessorConfiguration(config.options(UpConfig.LAP_PROCESSOR));
        check.publisherConfiguration(publisherOptions(config, ports));
        for (String name : config.ingests()) {
            Ingest ingest = ingest(name);
            Configuration options = check.ingestConfiguration(ingest, config.options(name));
            crossCheck(ingest, options);
        }
    }

    /** The checks an ingest makes across its options when it starts; run them first. */
    private static void crossCheck(Ingest ingest, Configuration options) {
        if (ingest instanceof LapSnapperIngest) {
            LapSnapperConfig.from(options);
        } else if (ingest instanceof Ctp01Ingest) {
            Ctp01Config.from(options, System.getenv());
        } else if (ingest instanceof ChronoCloudIngest) {
            ChronoCloudConfig.of(options);
        } else if (ingest instanceof SmartraceIngest) {
            List<String> problems = new SmartraceConfig(options).problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("ingest-smartrace: " + String.join("; ", problems));
            }
        }
    }

    private static Ingest ingest(String name) {
        return switch (name) {
            case "ingest-lapsnapper" -> new LapSnapperIngest();
            case "ingest-ctp01" -> new Ctp01Ingest(System.getenv()); // for ctp01.venue.<v>.password-env
            case "ingest-chronocloud" -> new ChronoCloudIngest();
            case "ingest-smartrace" -> new SmartraceIngest();
            default -> throw new IllegalArgumentException("unknown ingest " + name);
        };
    }

    /** Command-line ports over the file's state-publisher options over the defaults. */
    private static Map<String, String> publisherOptions(UpConfig config, PublisherOptions ports) {
        Map<String, String> options = new LinkedHashMap<>(config.options(UpConfig.STATE_PUBLISHER));
        options.putAll(ports.publisherOptions(options));
        return options;
    }

    List<String> start() throws Exception {
        LocalInfrastructure infrastructure = stack.infrastructure();
        ExecutorService starters = Executors.newFixedThreadPool(config.ingests().size() + 3, runnable -> {
            Thread thread = new Thread(runnable, "pitwall-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            progress.step("Starting the lap processor, state publisher and "
                    + (config.ingests().isEmpty() ? "no ingest service (no --config with timing hardware)"
                    : String.join(", ", config.ingests())));
            CompletableFuture<StatePublisher> publisher = CompletableFuture.supplyAsync(() -> starting.start(
                    "State publisher", Lifecycle.Tier.PUBLISHER, () -> services.publisher(publisherOptions(config, ports))), starters);
            CompletableFuture<LapProcessorService> processor = CompletableFuture.supplyAsync(() -> starting.start(
                    "Lap processor", Lifecycle.Tier.PROCESSOR,
                    () -> services.lapProcessor(config.options(UpConfig.LAP_PROCESSOR))), starters);
            CompletableFuture<Void> sessions = CompletableFuture.runAsync(() -> {
                infrastructure.awaitRegistry();
                writeSessions(infrastructure);
            }, starters);
            Map<String, CompletableFuture<Ingest>> ingests = new LinkedHashMap<>();
            for (String name : config.ingests()) {
                ingests.put(name, CompletableFuture.supplyAsync(() -> {
                    infrastructure.awaitRegistry(); // ingests publish at once: after the schemas are registered
                    Ingest ingest = ingest(name);
                    starting.start(name, Lifecycle.Tier.INGEST, () -> services.ingest(ingest, config.options(name)));
                    return ingest;
                }, starters));
            }
            sessions.join();
            StatePublisher web = publisher.join();
            processor.join();
            List<String> lines = new ArrayList<>();
            lines.add("WEB=http://localhost:" + web.httpPort() + "/");
            if (web.t71Port() > 0) {
                lines.add("T71=ws://localhost:" + web.t71Port() + "/");
            }
            if (web.rmonitorPort() > 0) {
                lines.add("RMONITOR=tcp://localhost:" + web.rmonitorPort());
            }
            for (CompletableFuture<Ingest> started : ingests.values()) {
                lines.addAll(hardwareLines(started.join()));
            }
            return lines;
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            starters.shutdown();
        }
    }

    /** Where the hardware connects (or, for LapSnapper, whom Pitwall connects to). */
    private List<String> hardwareLines(Ingest ingest) {
        List<String> lines = new ArrayList<>();
        if (ingest instanceof Ctp01Ingest ctp01) {
            for (String venue : config.options("ingest-ctp01").getOrDefault("ctp01.venues", "").split(",")) {
                if (!venue.isBlank()) {
                    String line = "CTP01=tcp://localhost:" + ctp01.port(venue.trim());
                    if (!lines.contains(line)) {
                        lines.add(line);
                    }
                }
            }
        } else if (ingest instanceof ChronoCloudIngest chronoCloud) {
            lines.add("CHRONOCLOUD=ws://localhost:" + chronoCloud.port() + "/");
        } else if (ingest instanceof SmartraceIngest smartrace) {
            lines.add("SMARTRACE=ws://localhost:" + smartrace.server().port() + "/");
        } else if (ingest instanceof LapSnapperIngest) {
            progress.info("LapSnapper: connecting to " + config.options("ingest-lapsnapper").get("lapsnapper.servers"));
        }
        return lines;
    }

    /** Writes each configured session whose configuration differs from the venue's current one. */
    private void writeSessions(LocalInfrastructure infrastructure) {
        if (config.sessions().isEmpty()) {
            return;
        }
        try (RaceControlClient raceControl = new RaceControlClient(infrastructure.bootstrapServers(),
                infrastructure.schemaRegistryUrl())) {
            Map<String, SessionConfig> current = raceControl.currentSessions(
                    config.sessions().stream().map(SessionConfig::getVenueId).toList(), Duration.ofSeconds(60));
            for (SessionConfig session : config.sessions()) {
                SessionConfig now = current.get(session.getVenueId());
                String what = session.getVenueId() + ": session " + session.getSessionId() + " (" + session.getName()
                        + ", " + session.getEntries().size() + " cars)";
                if (now != null && SessionConfig.newBuilder(now).setUpdatedAt(session.getUpdatedAt()).build()
                        .equals(session)) {
                    progress.info(what + " unchanged");
                    continue;
                }
                raceControl.publish(SessionConfig.newBuilder(session)
                        .setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build());
                progress.info(what + (now == null || !now.getSessionId().equals(session.getSessionId())
                        ? " configured" : " updated (laps are recomputed)"));
            }
        }
    }
}
