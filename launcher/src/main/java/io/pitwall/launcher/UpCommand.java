package io.pitwall.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pitwall up}: the stack for a real event, listening for real hardware. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
                "Start Pitwall on this machine for a real event.",
                "",
                "A Kafka broker, a schema registry, the lap processor, the state publisher, and",
                "an ingest service for each kind of timing hardware in the configuration file,",
                "with the venues' sessions and entry lists from that file (--example-config",
                "prints a documented one). Prints WEB=, T71=, RMONITOR=, the hardware endpoints",
                "(CTP01=, CHRONOCLOUD=, SMARTRACE=), KAFKA_BOOTSTRAP= and SCHEMA_REGISTRY_URL=",
                "once ready. Ctrl-C stops cleanly.",
                ""})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Mixin
    PublisherOptions ports;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:PITWALL_CONFIG}",
            description = "The event's configuration: timing hardware, venues, sessions, entry lists (default $PITWALL_CONFIG).")
    Path config;

    @Option(names = "--example-config", description = "Print a documented example configuration file and exit.")
    boolean exampleConfig;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (exampleConfig) {
            System.out.print(UpConfig.example());
            return 0;
        }
        UpConfig event;
        try {
            event = config == null ? UpConfig.empty() : UpConfig.load(config);
            UpStack.validate(event, ports);
        } catch (IOException e) {
            System.err.println("pitwall up: cannot read " + config + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("pitwall up: invalid configuration" + (config == null ? "" : " in " + config) + ": "
                    + e.getMessage());
            return 2;
        }
        return new StackRunner(options, "up").runUntilStopped(stack -> new UpStack(stack, event, ports).start());
    }
}
