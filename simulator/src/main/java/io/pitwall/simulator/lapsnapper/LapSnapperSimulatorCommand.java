package io.pitwall.simulator.lapsnapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LapSnapperSimulator} standalone with a {@link PassingFeed}. Password and PIN are best given
 * through the environment ({@code LAPSNAPPER_PASSWORD}, {@code LAPSNAPPER_PIN}) so they stay out of process
 * listings; neither is ever printed.
 */
@Command(name = "lapsnapper-simulator", mixinStandardHelpOptions = true,
        description = "A LapSnapper API v5.20 socket server that emits simulated passings.")
public final class LapSnapperSimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "9001", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--password", defaultValue = "${env:LAPSNAPPER_PASSWORD:-1,2,3,4}",
            description = "Handshake password as comma-separated integers (env LAPSNAPPER_PASSWORD).")
    String password;

    @Option(names = "--pin", defaultValue = "${env:LAPSNAPPER_PIN:-1234}",
            description = "Remote-control PIN code (env LAPSNAPPER_PIN).")
    String pin;

    @Option(names = "--transponders", defaultValue = "10", description = "Number of cars (default: ${DEFAULT-VALUE}).")
    int transponders;

    @Option(names = "--rate", defaultValue = "1.0",
            description = "Passings per second over all cars, 0 for none (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--heartbeat-ms", defaultValue = "2000", description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    long heartbeatMillis;

    @Option(names = "--clock-offset-ms", defaultValue = "0", description = "Decoder clock minus wall clock.")
    long clockOffsetMillis;

    @Option(names = "--wrong-password", defaultValue = "REPLY_FAILED",
            description = "REPLY_FAILED (send 6002) or DISCONNECT (default: ${DEFAULT-VALUE}).")
    LapSnapperSimulatorConfig.WrongPasswordBehaviour wrongPassword;

    @Option(names = "--wrong-pin", defaultValue = "IGNORE",
            description = "IGNORE or DISCONNECT (default: ${DEFAULT-VALUE}).")
    LapSnapperSimulatorConfig.WrongPinBehaviour wrongPin;

    @Option(names = "--out-of-order-burst", defaultValue = "0", description = "Fault: hold N events, send them shuffled.")
    int outOfOrderBurst;

    @Option(names = "--resend-on-reconnect", defaultValue = "0",
            description = "Fault: re-send the last N events after each handshake.")
    int resendOnReconnect;

    @Option(names = "--split-writes", description = "Fault: cut every frame into tiny TCP writes.")
    boolean splitWrites;

    @Option(names = "--coalesce", defaultValue = "0", description = "Fault: send N frames per TCP write.")
    int coalesce;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LapSnapperSimulatorCommand()).execute(args));
    }

    /** The simulator configuration these options describe. */
    LapSnapperSimulatorConfig config() {
        List<Integer> passwordValues;
        try {
            passwordValues = parsePassword(password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return LapSnapperSimulatorConfig.defaults()
                .withBindAddress(bind)
                .withPort(port)
                .withPassword(passwordValues)
                .withPinCode(pin)
                .withHeartbeatInterval(Duration.ofMillis(heartbeatMillis))
                .withDecoderClockOffset(Duration.ofMillis(clockOffsetMillis))
                .withWrongPassword(wrongPassword)
                .withWrongPin(wrongPin);
    }

    @Override
    public Integer call() throws InterruptedException {
        LapSnapperSimulator simulator = LapSnapperSimulator.start(config());
        simulator.faults().outOfOrderBurst(outOfOrderBurst).resendOnReconnect(resendOnReconnect)
                .splitWrites(splitWrites).coalesceFrames(coalesce);
        PassingFeed feed = rate > 0 && transponders > 0 ? PassingFeed.start(simulator, transponders, rate) : null;

        spec.commandLine().getOut().println("LapSnapper simulator listening on " + bind + ":" + simulator.port()
                + " (" + transponders + " transponders, " + rate + " passings/s); Ctrl-C to stop");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (feed != null) {
                feed.close();
            }
            simulator.close();
            stopped.countDown();
        }, "lapsnapper-simulator-shutdown"));
        stopped.await();
        return 0;
    }

    /** "1,2,3,4" → [1, 2, 3, 4]. The message never repeats the value: it is a secret. */
    static List<Integer> parsePassword(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--password must be comma-separated integers");
        }
    }
}
