package io.pitwall.publisher;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.publisher.config.PublisherConfig;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Runs the state publisher as a service: {@code state-publisher [--option=value ...]}, see {@code --help}. */
public final class PublisherMain {

    private PublisherMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            // our own logging setup when run as a service; an embedding launcher keeps its own logback.xml
            System.setProperty("logback.configurationFile", "io/pitwall/publisher/logback-service.xml");
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(PublisherConfig.helpText());
            return;
        }
        PublisherConfig config;
        try {
            config = PublisherConfig.load(args, System.getenv());
        } catch (ConfigException e) {
            // every problem at once, each naming the option, the value and where it came from
            System.err.println("state-publisher: " + e.getMessage());
            System.exit(2);
            return;
        }
        StatePublisher publisher = new StatePublisher(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            publisher.close();
            stopped.countDown();
        }, "publisher-shutdown"));
        stopped.await();
    }
}
