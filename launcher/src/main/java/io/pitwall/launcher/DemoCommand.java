package io.pitwall.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitwall demo}: everything on one machine with simulated venues. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Pitwall on this machine with simulated venues.",
                "Prints one line per endpoint once ready; Ctrl-C stops cleanly."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws InterruptedException {
        return new StackRunner(options, "demo").runUntilStopped(stack -> {
            stack.progress().info("Not running yet in this build: ingest services, lap-processor, state-publisher "
                    + "and the simulated venues (they arrive with their modules). Broker, registry and topics are up.");
        });
    }
}
