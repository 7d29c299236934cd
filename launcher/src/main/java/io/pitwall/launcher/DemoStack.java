package io.pitwall.launcher;

import io.pitwall.events.SessionConfig;
import io.pitwall.ingest.chronocloud.ChronoCloudIngest;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.ctp01.Ctp01Ingest;
import io.pitwall.ingest.lapsnapper.LapSnapperIngest;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.launcher.demo.ChronoFlyFeed;
import io.pitwall.launcher.demo.Ctp01Feed;
import io.pitwall.launcher.demo.HardwareFeed;
import io.pitwall.launcher.demo.LapSnapperFeed;
import io.pitwall.launcher.demo.SmartraceFeed;
import io.pitwall.launcher.demo.VenueDriver;
import io.pitwall.launcher.demo.VenueSpec;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.publisher.StatePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code pitwall demo}'s services on the local broker and registry: the four ingests, the lap processor and the
 * state publisher in this JVM, and four simulated venues, one per protocol, each driven by race control through
 * Kafka. Everything starts side by side; each venue starts racing as soon as its ingest and hardware are up.
 */
final class DemoStack {

    private final StackRunner.Stack stack;
    private final PublisherOptions ports;
    private final Progress progress;
    private final Lifecycle lifecycle;
    private final LocalServices services;
    private final Starting starting;

    DemoStack(StackRunner.Stack stack, PublisherOptions ports) {
        this.stack = stack;
        this.ports = ports;
        this.progress = stack.progress();
        this.lifecycle = stack.lifecycle();
        LocalInfrastructure infrastructure = stack.infrastructure();
        this.services = new LocalServices(infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl(),
                infrastructure.dataDir());
        this.starting = new Starting(progress, lifecycle);
    }

    /** Starts everything; returns the ready lines. */
    List<String> start() throws Exception {
        LocalInfrastructure infrastructure = stack.infrastructure();
        List<VenueSpec> venues = VenueSpec.demoVenues();
        ExecutorService starters = Executors.newFixedThreadPool(venues.size() + 2, runnable -> {
            Thread thread = new Thread(runnable, "pitwall-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            progress.step("Starting the ingest services, lap processor and state publisher");
            CompletableFuture<StatePublisher> publisher = CompletableFuture.supplyAsync(() -> starting.start(
                    "State publisher", Lifecycle.Tier.PUBLISHER, () -> services.publisher(publisherOptions(venues))), starters);
            CompletableFuture<LapProcessorService> processor = CompletableFuture.supplyAsync(() -> starting.start(
                    "Lap processor", Lifecycle.Tier.PROCESSOR, () -> services.lapProcessor(Map.of())), starters);

            RaceControlClient raceControl = lifecycle.add(Lifecycle.Tier.HARDWARE, "race control",
                    new RaceControlClient(infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl()));
            // the ingests publish as soon as their hardware connects: only once the schemas are registered
            CompletableFuture<Map<String, SessionConfig>> current = CompletableFuture.supplyAsync(() -> {
                infrastructure.awaitRegistry();
                return raceControl.currentSessions(venues.stream().map(VenueSpec::venueId).toList(),
                        Duration.ofSeconds(60));
            }, starters);
            List<CompletableFuture<?>> racing = new ArrayList<>();
            for (VenueSpec venue : venues) {
                racing.add(current.thenAcceptAsync(sessions -> startVenue(venue, raceControl,
                        sessions.get(venue.venueId())), starters));
            }
            CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).join();
            StatePublisher web = publisher.join();
            processor.join();
            progress.info("Live timing: http://localhost:" + web.httpPort() + "/ - four simulated venues, one per"
                    + " timing protocol");
            List<String> lines = new ArrayList<>();
            lines.add("WEB=http://localhost:" + web.httpPort() + "/");
            if (web.t71Port() > 0) {
                lines.add("T71=ws://localhost:" + web.t71Port() + "/");
            }
            if (web.rmonitorPort() > 0) {
                lines.add("RMONITOR=tcp://localhost:" + web.rmonitorPort());
            }
            return lines;
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            starters.shutdown();
        }
    }

    /** The publisher's ports; its default service (t71 root path, RMonitor) is the first venue's session. */
    private Map<String, String> publisherOptions(List<VenueSpec> venues) {
        Map<String, String> options = new LinkedHashMap<>(ports.publisherOptions());
        options.put("default.service", venues.get(0).name());
        return options;
    }

    /** A venue: its ingest, its simulated hardware, its race-control driver. */
    private void startVenue(VenueSpec venue, RaceControlClient raceControl, SessionConfig current) {
        String id = venue.venueId();
        HardwareFeed feed;
        switch (venue.source()) {
            case LAPSNAPPER -> {
                // LapSnapper is the server: it must listen before its ingest dials it
                LapSnapperFeed server = lifecycle.add(Lifecycle.Tier.HARDWARE_SERVER, "LapSnapper simulator",
                        new LapSnapperFeed());
                startIngest(new LapSnapperIngest(), Map.of(
                        "lapsnapper.servers", id + "@127.0.0.1:" + server.port(),
                        "lapsnapper.password", LapSnapperFeed.passwordOption(),
                        "lapsnapper.pin", LapSnapperFeed.PIN,
                        "reconnect.backoff.initial", "200ms",
                        "reconnect.backoff.max", "5s"));
                feed = server;
            }
            case CTP01 -> {
                String password = "pitwall-demo";
                Ctp01Ingest ingest = new Ctp01Ingest(Map.of());
                startIngest(ingest, Map.of(
                        "ctp01.venues", id,
                        "ctp01.port", "0",
                        "ctp01.bind.address", "127.0.0.1",
                        "ctp01.venue." + id + ".authentication", "hmac-sha1",
                        "ctp01.venue." + id + ".password." + Ctp01Feed.USER, password));
                feed = lifecycle.add(Lifecycle.Tier.HARDWARE, "ChronoTrack simulator",
                        new Ctp01Feed(id, ingest.port(id), password));
            }
            case CHRONOCLOUD -> {
                ChronoCloudIngest ingest = new ChronoCloudIngest();
                startIngest(ingest, Map.of(
                        "chronocloud.port", "0",
                        "chronocloud.bind.address", "127.0.0.1",
                        "chronocloud.stations", ChronoFlyFeed.stationsOption(id)));
                feed = lifecycle.add(Lifecycle.Tier.HARDWARE, "ChronoFly simulator", new ChronoFlyFeed(ingest.port()));
            }
            case SMARTRACE -> {
                SmartraceIngest ingest = new SmartraceIngest();
                startIngest(ingest, Map.of(
                        "smartrace.port", "0",
                        "smartrace.bind.address", "127.0.0.1",
                        "smartrace.venue", id));
                feed = lifecycle.add(Lifecycle.Tier.HARDWARE, "Smartrace simulator",
                        new SmartraceFeed(ingest.server().port()));
            }
            default -> throw new IllegalArgumentException("no simulated hardware for " + venue.source());
        }
        VenueDriver driver = lifecycle.add(Lifecycle.Tier.VENUE, id,
                new VenueDriver(venue, feed, raceControl, current, progress::info));
        driver.start();
    }

    private void startIngest(Ingest ingest, Map<String, String> options) {
        starting.start(ingest.name(), Lifecycle.Tier.INGEST, () -> services.ingest(ingest, options));
    }
}
