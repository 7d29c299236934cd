package io.pitwall.simulator.smartrace;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
 * Runs one simulated Smartrace lap sensor against Smartrace Connect or Pitwall's Smartrace ingest:
 * each controller laps at about {@code --lap-time} (± {@code --spread}), and every {@code --pit-every}
 * laps it drives through the pit lane.
 */
@Command(name = "smartrace-sensor", mixinStandardHelpOptions = true,
        description = "Simulated Smartrace lap sensor (WebSocket client of Smartrace Connect) feeding a Pitwall Smartrace ingest.")
public final class SmartraceSensorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "ws://localhost:50780/",
            description = "Server URL, e.g. ws://host:50780/ or ws://host:50780/venues/<id>?token=... (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--style", defaultValue = "MICROCONTROLLER",
            description = "MICROCONTROLLER (ms since boot, wrap, re-send after reconnect) or PHONE (epoch ms) (default: ${DEFAULT-VALUE}).")
    SensorStyle style;

    @Option(names = "--controllers", defaultValue = "4", description = "Controllers (cars) racing, numbered from 1 (default: ${DEFAULT-VALUE}).")
    int controllers;

    @Option(names = "--lap-time", defaultValue = "PT6S", description = "Mean lap time, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration lapTime;

    @Option(names = "--spread", defaultValue = "PT0.4S", description = "Lap time spread, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration spread;

    @Option(names = "--pit-every", defaultValue = "0", description = "Laps between pit stops per controller; 0 = never (default: ${DEFAULT-VALUE}).")
    int pitEvery;

    @Option(names = "--counter-bits", defaultValue = "32", description = "Microcontroller counter wraps at 2^30 or 2^32 (default: ${DEFAULT-VALUE}).")
    int counterBits;

    @Option(names = "--counter-start", defaultValue = "0",
            description = "Microcontroller counter value now; set it just below 2^bits to see a wrap (default: ${DEFAULT-VALUE}).")
    long counterStart;

    @Option(names = "--clock-error", defaultValue = "PT0S", description = "Phone clock error, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration clockError;

    @Option(names = "--spaced", description = "Spaced JSON with a different key order instead of compact JSON.")
    boolean spaced;

    @Option(names = "--skip-api-version", description = "Register with controller_set only, without api_version.")
    boolean skipApiVersion;

    @Option(names = "--flpl", description = "Finish line in the pit lane: leaving the pits sends pit leave + lap.")
    boolean flpl;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SmartraceSensorCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (controllers < 1 || controllers > 255 || lapTime.isNegative() || lapTime.isZero() || pitEvery < 0) {
            throw new ParameterException(spec.commandLine(), "--controllers must be 1..255, --lap-time positive, --pit-every >= 0");
        }
        SensorCounter counter = style == SensorStyle.PHONE ? SensorCounter.phone(clockError)
                : SensorCounter.microcontroller(Instant.now(), counterStart, counterBits);
        SmartraceSensor sensor = SmartraceSensor.builder(url)
                .counter(counter)
                .jsonStyle(spaced ? JsonStyle.SPACED : JsonStyle.COMPACT)
                .skipApiVersion(skipApiVersion)
                .flpl(flpl)
                .reconnectDelay(Duration.ofSeconds(1))
                .build()
                .start();
        ScheduledExecutorService track = Executors.newSingleThreadScheduledExecutor();
        Random random = new Random(seed);
        for (int controller = 1; controller <= controllers; controller++) {
            scheduleLap(track, sensor, random, controller, 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            track.shutdownNow();
            sensor.close();
            stopped.countDown();
        }, "smartrace-sensor-shutdown"));
        System.out.printf("Smartrace sensor (%s, %d controllers) connecting to %s%n", style, controllers, url);
        stopped.await();
        return 0;
    }

    private void scheduleLap(ScheduledExecutorService track, SmartraceSensor sensor, Random random, int controller, int lap) {
        long jitter = spread.isZero() ? 0 : (long) (random.nextGaussian() * spread.toMillis());
        long delay = Math.max(lapTime.toMillis() / 2, lapTime.toMillis() + jitter);
        boolean pitLap = pitEvery > 0 && lap % pitEvery == 0;
        if (pitLap) {
            track.schedule(() -> sensor.pitEnter(controller), delay / 2, TimeUnit.MILLISECONDS);
        }
        track.schedule(() -> {
            Instant now = Instant.now();
            if (pitLap) {
                sensor.pitLeave(controller, now);
                if (!flpl) {
                    sensor.lap(controller, now);
                }
            } else {
                sensor.lap(controller, now);
            }
            scheduleLap(track, sensor, random, controller, lap + 1);
        }, delay, TimeUnit.MILLISECONDS);
    }
}
