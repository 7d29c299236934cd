package io.pitwall.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitwall demo}: everything on one machine with simulated venues. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Run Pitwall on this machine with four simulated venues, one per timing protocol.",
                "",
                "In one process: a Kafka broker and a schema registry, the four ingest services,",
                "the lap processor and the state publisher; then a LapSnapper circuit race, a",
                "ChronoTrack endurance race, a ChronoFly qualifying session and a Smartrace",
                "slot-car race, each configured and started through timing.sessions as an",
                "operator would. Prints WEB=, T71=, RMONITOR=, KAFKA_BOOTSTRAP= and",
                "SCHEMA_REGISTRY_URL= lines once ready. Ctrl-C stops cleanly; starting again on",
                "the same data directory carries on with the same sessions.",
                ""})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Mixin
    PublisherOptions ports;

    @Override
    public Integer call() throws InterruptedException {
        return new StackRunner(options, "demo").runUntilStopped(stack -> new DemoStack(stack, ports).start());
    }
}
