package io.pitwall.processor.service;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.HelpPrinter;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.schemas.AvroTrust;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lap-processor [--config FILE] [--name=value ...] [--help]}: runs the lap processor until SIGTERM.
 *
 * <p>Exit status: 0 after {@code --help} or a clean shutdown, 2 for an invalid configuration (every problem is
 * printed), 1 when start-up failed or Kafka Streams failed for good (so the orchestrator restarts it).
 */
public final class LapProcessorMain {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CONFIG = 2;

    static {
        // must run before the first logger is created: the service's own logging unless one is given
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pitwall/processor/logback-service.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LapProcessorMain.class);

    private final Map<String, String> environment;

    public LapProcessorMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        // before anything reads an Avro record: Avro 1.12 refuses untrusted generated classes
        AvroTrust.trustPitwallPackages();
        int status = new LapProcessorMain(System.getenv()).run(args, System.out, System.err);
        // after a clean shutdown the JVM is already exiting (shutdown hook); System.exit would wait for it
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The {@code --help} text. */
    public static String help() {
        return HelpPrinter.render(LapProcessorOptions.SERVICE_NAME, LapProcessorOptions.FIELDS, "");
    }

    /** Loads and validates the configuration. @throws ConfigException listing every problem */
    public Configuration configure(CommandLine commandLine) {
        return ConfigLoader.of(LapProcessorOptions.FIELDS).environment(environment).commandLine(commandLine).load();
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.helpRequested()) {
            out.print(help());
            out.flush();
            return 0;
        }
        Configuration config;
        try {
            config = configure(commandLine);
        } catch (ConfigException e) {
            err.println(LapProcessorOptions.SERVICE_NAME + ": " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        LogLevels.apply(config.get(CommonFields.LOG_LEVEL));
        LapProcessorService service = LapProcessorService.create(config);
        // before start: a SIGTERM while the service still waits for Kafka must end it cleanly too
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, LapProcessorOptions.SERVICE_NAME + "-shutdown"));
        try {
            service.start();
        } catch (Exception e) {
            LOG.error("{} failed to start", LapProcessorOptions.SERVICE_NAME, e);
            return EXIT_FAILED;
        }
        try {
            LapProcessorService.Termination end = service.termination().get();
            if (end == LapProcessorService.Termination.FAILED) {
                LOG.error("{} stopping: Kafka Streams failed (see above)", LapProcessorOptions.SERVICE_NAME);
                service.close();
                return EXIT_FAILED;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            return 0;
        } catch (ExecutionException e) {
            service.close();
            return EXIT_FAILED;
        }
    }
}
