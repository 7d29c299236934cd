package io.pitwall.ingest.core.service;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process lifecycle every Pitwall service's {@code main} shares: {@code --help} → load the configuration
 * (print every problem, exit {@value #EXIT_CONFIG}) → apply the log level → create the service, hook its
 * {@code close} to the JVM's shutdown, start it (log and exit {@value #EXIT_FAILED} on failure) → wait until
 * SIGTERM/SIGINT (exit 0 after the clean shutdown) or until the service reports a fatal failure (exit
 * {@value #EXIT_FAILED}, so the orchestrator restarts it).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ServiceLifecycle.main(new MyServiceMain(System.getenv()), args);
 * }
 * }</pre>
 *
 * The log lines are written to the logger of the {@link Definition}'s class, so a service's {@code main}
 * class that implements it keeps its own logger name.
 */
public final class ServiceLifecycle {

    /** After {@code --help} or a clean shutdown. */
    public static final int EXIT_OK = 0;
    /** Start-up failed after the configuration was accepted, or the service failed for good while running. */
    public static final int EXIT_FAILED = 1;
    /** Invalid configuration (as {@code EX_USAGE}-like tools use). */
    public static final int EXIT_CONFIG = 2;

    /** What differs between services: name, help, configuration and how to create the service. */
    public interface Definition<C> {

        /** Prefixes the configuration problems on stderr and the start/stop log lines. */
        String name();

        /** The {@code --help} text, printed as is. */
        String help();

        /**
         * Loads and validates the configuration from the command line (and whatever else the service reads).
         *
         * @throws ConfigException listing every problem found; the process exits {@value #EXIT_CONFIG}
         */
        C loadConfiguration(String[] args);

        /** The root log level to apply before anything starts; empty when the service has no such option. */
        default Optional<CommonFields.LogLevel> logLevel(C config) {
            return Optional.empty();
        }

        /**
         * The service, not started yet: its {@link Instance#close()} is hooked to the JVM's shutdown before
         * {@link Instance#start()}, so that a SIGTERM while it waits for Kafka ends it cleanly too.
         *
         * @throws Exception a start-up failure like one from {@link Instance#start()}
         */
        Instance create(C config) throws Exception;
    }

    /** A created service as the lifecycle drives it. */
    public interface Instance extends AutoCloseable {

        /** Returns once started; a failure is logged as "{@code <name> failed to start}" and exits 1. */
        void start() throws Exception;

        /**
         * Completes, with the reason to log, when the service failed for good and the process must exit
         * {@value #EXIT_FAILED}; by default it never does.
         */
        default CompletionStage<String> fatalFailure() {
            return new CompletableFuture<>();
        }

        /** Shuts the service down; called from the shutdown hook and after a failure, so more than once. */
        @Override
        void close();
    }

    private final Consumer<Thread> shutdownHooks;

    /** @param shutdownHooks registers the thread that runs at JVM shutdown (tests run it themselves) */
    ServiceLifecycle(Consumer<Thread> shutdownHooks) {
        this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks");
    }

    /** Runs {@code service} as the process: {@link #run}, then exits with its status unless that is 0. */
    public static void main(Definition<?> service, String[] args) {
        int status = run(service, args, System.out, System.err);
        // after a clean shutdown the JVM is already exiting (shutdown hook); System.exit would wait forever
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * The whole lifecycle, with the shutdown hook registered on the JVM.
     *
     * @return {@value #EXIT_OK} after help or a clean shutdown, {@value #EXIT_CONFIG} for an invalid
     *         configuration, {@value #EXIT_FAILED} when start-up failed or the service failed for good
     */
    public static int run(Definition<?> service, String[] args, PrintStream out, PrintStream err) {
        return new ServiceLifecycle(Runtime.getRuntime()::addShutdownHook).execute(service, args, out, err);
    }

    <C> int execute(Definition<C> service, String[] args, PrintStream out, PrintStream err) {
        if (CommandLine.parse(args).helpRequested()) {
            out.print(service.help());
            out.flush();
            return EXIT_OK;
        }
        C config;
        try {
            config = service.loadConfiguration(args);
        } catch (ConfigException e) {
            err.println(service.name() + ": " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        service.logLevel(config).ifPresent(LogLevels::apply);
        Logger log = LoggerFactory.getLogger(service.getClass());

        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Instance instance = null;
        try {
            instance = service.create(config);
            Instance created = instance;
            created.fatalFailure().whenComplete((reason, error) ->
                    ending.complete(Ending.failed(error == null ? reason : error.toString())));
            shutdownHooks.accept(new Thread(() -> {
                created.close();
                ending.complete(Ending.CLEAN);
            }, service.name() + "-shutdown"));
            created.start();
        } catch (Exception e) {
            log.error("{} failed to start", service.name(), e);
            closeAfterFailure(instance, log, service.name());
            return EXIT_FAILED;
        }

        try {
            Ending end = ending.get();
            if (end.failure() == null) {
                return EXIT_OK;
            }
            log.error("{} stopping: {}", service.name(), end.failure());
            closeAfterFailure(instance, log, service.name());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance.close();
            return EXIT_OK;
        } catch (ExecutionException e) {
            // nothing completes the future exceptionally; kept for the compiler
            closeAfterFailure(instance, log, service.name());
            return EXIT_FAILED;
        }
    }

    private static void closeAfterFailure(Instance instance, Logger log, String name) {
        if (instance == null) {
            return;
        }
        try {
            instance.close();
        } catch (RuntimeException e) {
            log.warn("{}: cleanup after the failure failed: {}", name, e.toString());
        }
    }

    /** Why waiting ended: a clean shutdown ({@code failure == null}) or a fatal failure. */
    private record Ending(String failure) {

        static final Ending CLEAN = new Ending(null);

        static Ending failed(String reason) {
            return new Ending(reason == null ? "fatal failure" : reason);
        }
    }
}
