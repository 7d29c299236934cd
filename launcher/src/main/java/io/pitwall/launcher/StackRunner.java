package io.pitwall.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Starts the local stack, prints the ready lines, and holds it until Ctrl-C / SIGTERM. */
final class StackRunner {

    record Stack(LocalInfrastructure infrastructure, Progress progress) {
    }

    private final StackOptions options;
    private final String mode;

    StackRunner(StackOptions options, String mode) {
        this.options = options;
        this.mode = mode;
    }

    int runUntilStopped(Consumer<Stack> startServices) throws InterruptedException {
        Progress progress = new Progress(System.err);
        progress.info("pitwall " + mode + ": data in " + options.dataDir.toAbsolutePath().normalize());
        LocalInfrastructure infrastructure = new LocalInfrastructure(options.dataDir, progress);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            progress.info("Stopping ...");
            infrastructure.close();
            progress.info("Stopped; data kept in " + infrastructure.dataDir());
            stopped.countDown();
        }, "pitwall-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            infrastructure.start(options.kafkaPort, options.registryPort);
            startServices.accept(new Stack(infrastructure, progress));
        } catch (RuntimeException e) {
            progress.info("Failed to start: " + e.getMessage());
            return 1; // the shutdown hook releases whatever did start
        }
        System.out.println("KAFKA_BOOTSTRAP=" + infrastructure.bootstrapServers());
        System.out.println("SCHEMA_REGISTRY_URL=" + infrastructure.schemaRegistryUrl());
        System.out.flush();
        progress.info("Ready. Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
