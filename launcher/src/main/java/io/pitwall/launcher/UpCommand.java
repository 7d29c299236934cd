package io.pitwall.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitwall up}: the stack for a real event, listening for real hardware. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start Pitwall on this machine: a Kafka broker and a schema registry with all topics.",
                "Prints KAFKA_BOOTSTRAP=... and SCHEMA_REGISTRY_URL=... once ready; Ctrl-C stops cleanly."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws InterruptedException {
        return new StackRunner(options, "up").runUntilStopped(stack -> { });
    }
}
