package io.pitwall.simulator.ctp01;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Runs one simulated ChronoTrack box against a CTP01 server, generating reads at a steady rate:
 * each tag passes the locations in the order given, then starts over.
 */
@Command(name = "ctp01-simulator", mixinStandardHelpOptions = true,
        description = "Simulated ChronoTrack box (CTP01 client) feeding a Pitwall CTP01 ingest.")
public final class ChronoTrackSimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "localhost", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "61611", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", defaultValue = "pitwall", description = "User id for authorize.")
    String user;

    @Option(names = "--password", defaultValue = "", description = "Password for authorize.")
    String password;

    @Option(names = "--box", defaultValue = "box-1", description = "Box name; fixes reader and controller ids.")
    String boxName;

    @Option(names = "--connection-id", description = "Connection id to report (default: random per run).")
    String connectionId;

    @Option(names = "--locations", split = ",", defaultValue = "start,finish",
            description = "Timing locations, in passing order (default: ${DEFAULT-VALUE}).")
    List<String> locations;

    @Option(names = "--rate", defaultValue = "2", description = "Reads per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--tags", defaultValue = "50", description = "Number of tags (bibs) racing.")
    int tags;

    @Option(names = "--zone", description = "Venue time zone (default: system zone).")
    ZoneId zone;

    @Option(names = "--gun-time", description = "Fire a gun time at the first location on start.")
    boolean gunTime;

    @Option(names = "--fraction-digits", defaultValue = "2", description = "Digits after the seconds.")
    int fractionDigits;

    @Option(names = "--reconnect-delay", defaultValue = "PT1S", description = "ISO-8601 duration between attempts.")
    Duration reconnectDelay;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChronoTrackSimulatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0 || tags < 1 || locations.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--rate, --tags and --locations must be positive");
        }
        ChronoTrackBox.Builder builder = ChronoTrackBox.builder(boxName).zone(zone != null ? zone : ZoneId.systemDefault());
        if (connectionId != null) {
            builder.connectionId(connectionId);
        }
        ChronoTrackBox box = builder.build();
        locations.forEach(box::addLocation);
        ClientConfig config = ClientConfig.of(host, port).withCredentials(user, password)
                .withFractionDigits(fractionDigits).withReconnectDelay(reconnectDelay);
        ChronoTrackClient client = new ChronoTrackClient(box, config);
        if (gunTime) {
            box.gunTime(locations.get(0), Instant.now());
        }
        ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
        int[] progress = new int[tags];
        Random random = new Random();
        generator.scheduleAtFixedRate(() -> {
            int tag = random.nextInt(tags);
            String location = locations.get(progress[tag]++ % locations.size());
            box.observe(location, Integer.toString(tag + 1), Instant.now());
        }, 0, Math.max(1, Math.round(1_000_000 / rate)), TimeUnit.MICROSECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.shutdownNow();
            client.close();
            stopped.countDown();
        }, "ctp01-simulator-shutdown"));
        client.start();
        System.out.printf("ChronoTrack box %s (connection id %s) connecting to %s:%d%n", boxName, box.connectionId(),
                host, port);
        stopped.await();
        return 0;
    }
}
