package io.pitwall.launcher;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local stack, prints the ready lines, and holds it until Ctrl-C / SIGTERM; then stops everything
 * in the safe order ({@link Lifecycle}).
 */
final class StackRunner {

    /** What a command's services get: the running broker and registry, progress output, and the lifecycle. */
    record Stack(LocalInfrastructure infrastructure, Progress progress, Lifecycle lifecycle) {
    }

    /** Starts a command's services on the infrastructure; returns the lines to print on stdout once ready. */
    @FunctionalInterface
    interface Services {
        List<String> start(Stack stack) throws Exception;
    }

    private final StackOptions options;
    private final String mode;

    StackRunner(StackOptions options, String mode) {
        this.options = options;
        this.mode = mode;
    }

    int runUntilStopped(Services services) throws InterruptedException {
        Progress progress = new Progress(System.err);
        progress.info("pitwall " + mode + ": data in " + options.dataDir.toAbsolutePath().normalize());
        LocalInfrastructure infrastructure = new LocalInfrastructure(options.dataDir, progress);
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.add(Lifecycle.Tier.INFRASTRUCTURE, "Kafka and schema registry", infrastructure);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            progress.info("Stopping ...");
            lifecycle.close();
            progress.info("Stopped; data kept in " + infrastructure.dataDir());
            stopped.countDown();
        }, "pitwall-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        List<String> lines;
        try {
            // services that do not need the registry yet may start while it is still starting
            infrastructure.startKafka(options.kafkaPort, options.registryPort);
            lines = services.start(new Stack(infrastructure, progress, lifecycle));
            infrastructure.awaitRegistry();
        } catch (Lifecycle.StoppingException e) {
            stopped.await();
            return 0;
        } catch (Exception e) {
            if (lifecycle.isClosing()) {
                stopped.await(); // Ctrl-C while starting: whatever failed, failed because it was stopped
                return 0;
            }
            progress.info("Failed to start: " + message(e));
            return 1; // the shutdown hook releases whatever did start
        }
        for (String line : lines) {
            System.out.println(line);
        }
        System.out.println("KAFKA_BOOTSTRAP=" + infrastructure.bootstrapServers());
        System.out.println("SCHEMA_REGISTRY_URL=" + infrastructure.schemaRegistryUrl());
        System.out.flush();
        progress.info("Ready. Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
