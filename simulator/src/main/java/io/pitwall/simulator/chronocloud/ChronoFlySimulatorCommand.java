package io.pitwall.simulator.chronocloud;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one simulated ChronoFly station against a ChronoCloud 2 server, registering passings of random
 * transponders at a steady rate, and prints a line of progress every cycle.
 */
@Command(name = "chronofly-simulator", mixinStandardHelpOptions = true,
        description = "Simulated ChronoFly station (ChronoCloud 2 WebSocket client) feeding a Pitwall ChronoCloud ingest.")
public final class ChronoFlySimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "ws://localhost:8275/", description = "Server URL, ws:// or wss:// (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--station", defaultValue = "ChronoFly-12345", description = "Station identifier (default: ${DEFAULT-VALUE}).")
    String station;

    @Option(names = "--competition", defaultValue = "166656", description = "Competition identifier (default: ${DEFAULT-VALUE}).")
    String competition;

    @Option(names = "--round", defaultValue = "Round 1", description = "Round name (default: ${DEFAULT-VALUE}).")
    String round;

    @Option(names = "--type", defaultValue = "Track-Finish", description = "Station type (default: ${DEFAULT-VALUE}).")
    String stationType;

    @Option(names = "--chronofly-version", defaultValue = "1.2.30", description = "Version in the connected PDU (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--zone", description = "Station time zone (default: system zone).")
    ZoneId zone;

    @Option(names = "--time-style", defaultValue = "ISO_OFFSET", description = "ISO_OFFSET (newer ChronoFly) or TIME_OF_DAY (older) (default: ${DEFAULT-VALUE}).")
    TimeStyle timeStyle;

    @Option(names = "--key", description = "PKCS#8 PEM RSA private key to sign PDUs with (default: unsigned placeholder).")
    Path key;

    @Option(names = "--signature-encoding", defaultValue = "BASE64", description = "BASE64 (newer) or HEX (older) (default: ${DEFAULT-VALUE}).")
    SignatureEncoding signatureEncoding;

    @Option(names = "--rate", defaultValue = "2", description = "Passings per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--transponders", defaultValue = "30", description = "Number of transponders on track (default: ${DEFAULT-VALUE}).")
    int transponders;

    @Option(names = "--cycle", defaultValue = "PT30S", description = "Keepalive and re-send cycle, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration cycle;

    @Option(names = "--lose-confirmations", defaultValue = "0", description = "Share of confirmations to ignore, 0..1, to exercise re-sends.")
    double loseConfirmations;

    @Option(names = "--insecure", description = "With wss://, accept any server certificate (test servers only).")
    boolean insecure;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChronoFlySimulatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || transponders < 1) {
            throw new ParameterException(spec.commandLine(), "--rate and --transponders must be positive");
        }
        ChronoFlySimulator.Builder builder = ChronoFlySimulator.builder(url)
                .station(station).competition(competition).round(round).stationType(stationType).version(version)
                .zone(zone != null ? zone : ZoneId.systemDefault()).timeStyle(timeStyle).cycle(cycle)
                .loseConfirmations(loseConfirmations, System.nanoTime());
        if (key != null) {
            builder.signWith(PemPrivateKeys.readRsa(key), signatureEncoding);
        }
        if (insecure) {
            builder.trustAnyCertificate();
        }
        ChronoFlySimulator simulator = builder.build();
        ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
        Random random = new Random();
        generator.scheduleAtFixedRate(() -> simulator.pass(Integer.toString(1 + random.nextInt(transponders)), Instant.now()),
                0, Math.max(1, Math.round(1_000_000 / rate)), TimeUnit.MICROSECONDS);
        generator.scheduleAtFixedRate(() -> System.out.printf("%s: connected=%s frames=%d resends=%d unconfirmed=%d%s%n",
                station, simulator.isConnected(), simulator.framesSent(), simulator.resends(),
                simulator.unconfirmed().size(), simulator.lastError().isEmpty() ? "" : " last problem: " + simulator.lastError()),
                cycle.toMillis(), cycle.toMillis(), TimeUnit.MILLISECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.shutdownNow();
            simulator.close();
            stopped.countDown();
        }, "chronofly-simulator-shutdown"));
        simulator.start();
        System.out.printf("ChronoFly station %s (competition %s, round %s) connecting to %s%n", station, competition, round, url);
        stopped.await();
        return 0;
    }
}
