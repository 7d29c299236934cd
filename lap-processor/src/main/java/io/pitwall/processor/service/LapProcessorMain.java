package io.pitwall.processor.service;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.HelpPrinter;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.ingest.core.service.ServiceLifecycle;
import io.pitwall.schemas.AvroTrust;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lap-processor [--config FILE] [--name=value ...] [--help]}: runs the lap processor until SIGTERM.
 *
 * <p>Exit status ({@link ServiceLifecycle}): 0 after {@code --help} or a clean shutdown, 2 for an invalid
 * configuration (every problem is printed), 1 when start-up failed or Kafka Streams failed for good (so the
 * orchestrator restarts it).
 */
public final class LapProcessorMain implements ServiceLifecycle.Definition<Configuration> {

    public static final int EXIT_FAILED = ServiceLifecycle.EXIT_FAILED;
    public static final int EXIT_CONFIG = ServiceLifecycle.EXIT_CONFIG;

    static {
        // must run before the first logger is created: the service's own logging unless one is given
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pitwall/processor/logback-service.xml");
        }
    }

    private final Map<String, String> environment;

    public LapProcessorMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        // before anything reads an Avro record: Avro 1.12 refuses untrusted generated classes
        AvroTrust.trustPitwallPackages();
        ServiceLifecycle.main(new LapProcessorMain(System.getenv()), args);
    }

    /** The lifecycle behind {@link #main}, with the exit status returned rather than exited with. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return ServiceLifecycle.run(this, args, out, err);
    }

    @Override
    public String name() {
        return LapProcessorOptions.SERVICE_NAME;
    }

    /** The {@code --help} text. */
    @Override
    public String help() {
        return HelpPrinter.render(LapProcessorOptions.SERVICE_NAME, LapProcessorOptions.FIELDS, "");
    }

    /** Loads and validates the configuration. @throws ConfigException listing every problem */
    public Configuration configure(CommandLine commandLine) {
        return ConfigLoader.of(LapProcessorOptions.FIELDS).environment(environment).commandLine(commandLine).load();
    }

    @Override
    public Configuration loadConfiguration(String[] args) {
        return configure(CommandLine.parse(args));
    }

    @Override
    public Optional<CommonFields.LogLevel> logLevel(Configuration config) {
        return Optional.of(config.get(CommonFields.LOG_LEVEL));
    }

    @Override
    public ServiceLifecycle.Instance create(Configuration config) {
        LapProcessorService service = LapProcessorService.create(config);
        CompletableFuture<String> fatal = new CompletableFuture<>();
        service.termination().whenComplete((end, error) -> {
            if (error != null) {
                fatal.complete("Kafka Streams failed: " + error);
            } else if (end == LapProcessorService.Termination.FAILED) {
                fatal.complete("Kafka Streams failed (see above)");
            }
        });
        return new ServiceLifecycle.Instance() {
            @Override
            public void start() throws Exception {
                service.start();
            }

            @Override
            public CompletionStage<String> fatalFailure() {
                return fatal;
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }
}
