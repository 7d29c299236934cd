package io.pitwall.publisher;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.service.ServiceLifecycle;
import io.pitwall.publisher.config.PublisherConfig;
import java.io.PrintStream;
import java.util.Map;

/**
 * Runs the state publisher as a service: {@code state-publisher [--option=value ...]}, see {@code --help}.
 *
 * <p>Exit status ({@link ServiceLifecycle}): 0 after {@code --help} or a clean shutdown, 2 for an invalid
 * configuration (every problem is printed), 1 when start-up failed (e.g. a port in use).
 */
public final class PublisherMain implements ServiceLifecycle.Definition<PublisherConfig> {

    static {
        // must run before the first logger is created: our own logging setup when run as a service; an
        // embedding launcher keeps its own logback.xml
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pitwall/publisher/logback-service.xml");
        }
    }

    private final Map<String, String> environment;

    public PublisherMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        ServiceLifecycle.main(new PublisherMain(System.getenv()), args);
    }

    /** The lifecycle behind {@link #main}, with the exit status returned rather than exited with. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return ServiceLifecycle.run(this, args, out, err);
    }

    @Override
    public String name() {
        return "state-publisher";
    }

    @Override
    public String help() {
        return PublisherConfig.helpText();
    }

    /** @throws ConfigException every problem at once, each naming the option, the value and where it came from */
    @Override
    public PublisherConfig loadConfiguration(String[] args) {
        return PublisherConfig.load(args, environment);
    }

    @Override
    public ServiceLifecycle.Instance create(PublisherConfig config) {
        StatePublisher publisher = new StatePublisher(config);
        return new ServiceLifecycle.Instance() {
            @Override
            public void start() throws InterruptedException {
                publisher.start();
            }

            @Override
            public void close() {
                publisher.close();
            }
        };
    }
}
