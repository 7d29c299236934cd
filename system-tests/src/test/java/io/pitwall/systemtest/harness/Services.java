package io.pitwall.systemtest.harness;

import io.pitwall.embedded.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the Pitwall services of a system test, each a {@link ServiceProcess} configured as a deployment would
 * configure it against the test's {@link PipelineCluster}: Kafka, registry, health/metrics on a fixed loopback
 * port, the protocol's own listener on a fixed port (so a restarted ingest is where its hardware reconnects).
 * Nothing is started here: add options, then {@link ServiceProcess#start()}. {@link #close()} stops every
 * service made by this factory.
 */
public final class Services implements AutoCloseable {

    public static final String LAPSNAPPER_MAIN = "io.pitwall.ingest.lapsnapper.LapSnapperIngest";
    public static final String CTP01_MAIN = "io.pitwall.ingest.ctp01.Ctp01Ingest";
    public static final String CHRONOCLOUD_MAIN = "io.pitwall.ingest.chronocloud.ChronoCloudIngestMain";
    public static final String SMARTRACE_MAIN = "io.pitwall.ingest.smartrace.SmartraceIngest";
    public static final String LAP_PROCESSOR_MAIN = "io.pitwall.processor.service.LapProcessorMain";
    public static final String PUBLISHER_MAIN = "io.pitwall.publisher.PublisherMain";

    private final PipelineCluster cluster;
    private final Path dir;
    private final List<ServiceProcess> made = new ArrayList<>();

    public Services(PipelineCluster cluster) {
        this.cluster = cluster;
        this.dir = cluster.dir().resolve("services");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The LapSnapper ingest, connecting to one LapSnapper server ({@code venue@127.0.0.1:serverPort}); quick
     * reconnects so tests do not wait out production back-offs.
     */
    public ServiceProcess lapSnapperIngest(String name, String venueId, int serverPort, String password, String pin) {
        return ingest(name, LAPSNAPPER_MAIN)
                .option("lapsnapper.servers", venueId + "@127.0.0.1:" + serverPort)
                .option("lapsnapper.password", password)
                .option("lapsnapper.pin", pin)
                .option("reconnect.backoff.initial", "200ms")
                .option("reconnect.backoff.max", "2s")
                .requireReadinessChecks("hardware");
    }

    /** The CTP01 ingest serving one venue on {@code port} to a {@link ChronoTrackHardware} with its default user. */
    public ServiceProcess ctp01Ingest(String name, String venueId, int port) {
        return ctp01Ingest(name, venueId, port, ChronoTrackHardware.USER, ChronoTrackHardware.PASSWORD);
    }

    /** The CTP01 ingest serving one venue on {@code port}, HMAC-SHA1 authentication of {@code user}. */
    public ServiceProcess ctp01Ingest(String name, String venueId, int port, String user, String password) {
        return ingest(name, CTP01_MAIN)
                .option("ctp01.venues", venueId)
                .option("ctp01.port", Integer.toString(port))
                .option("ctp01.bind.address", "127.0.0.1")
                .option("ctp01.venue." + venueId + ".authentication", "hmac-sha1")
                .option("ctp01.venue." + venueId + ".password." + user, password);
    }

    /** The ChronoCloud ingest on {@code port}; {@code stations} as its option writes them: {@code station=venue,...}. */
    public ServiceProcess chronoCloudIngest(String name, int port, String stations) {
        return ingest(name, CHRONOCLOUD_MAIN)
                .option("chronocloud.port", Integer.toString(port))
                .option("chronocloud.bind.address", "127.0.0.1")
                .option("chronocloud.stations", stations)
                .requireReadinessChecks("websocket");
    }

    /** The Smartrace ingest on {@code port}; sensors on the root path belong to {@code venueId}. */
    public ServiceProcess smartraceIngest(String name, String venueId, int port) {
        return ingest(name, SMARTRACE_MAIN)
                .option("smartrace.port", Integer.toString(port))
                .option("smartrace.bind.address", "127.0.0.1")
                .option("smartrace.venue", venueId);
    }

    /**
     * A lap-processor instance of the application {@code applicationId}, its stores in its own state directory,
     * with static membership ({@code kafka.group.instance.id} = {@code name}) so that a restarted instance takes
     * its tasks back at once instead of waiting for the dead one's session to expire.
     */
    public ServiceProcess lapProcessor(String name, String applicationId) {
        return common(name, LAP_PROCESSOR_MAIN)
                .option("application.id", applicationId)
                .option("state.dir", dir.resolve(name + "-state").toString())
                .option("kafka.group.instance.id", name)
                .option("commit.interval", "100ms")
                .requireReadinessChecks("streams");
    }

    /** The state publisher: HTTP (page, REST, {@code /t71/{uuid}}, health) on a free port; t71 and RMonitor ports off. */
    public ServiceProcess statePublisher(String name) {
        ServiceProcess publisher = new ServiceProcess(name, PUBLISHER_MAIN, freePort(), dir)
                .option("kafka.bootstrap", cluster.bootstrapServers())
                .option("bind.address", "127.0.0.1")
                .option("t71.port", "-1")
                .option("rmonitor.port", "-1");
        publisher.option("http.port", Integer.toString(publisher.httpPort()));
        return register(publisher);
    }

    /** Every ingest's /health/ready lists ingest-core's checks once they exist; before, it answers 200 (a bug). */
    private ServiceProcess ingest(String name, String mainClass) {
        return common(name, mainClass).requireReadinessChecks("kafka", "publisher");
    }

    private ServiceProcess common(String name, String mainClass) {
        ServiceProcess service = new ServiceProcess(name, mainClass, freePort(), dir)
                .option("service.id", name)
                .option("kafka.bootstrap.servers", cluster.bootstrapServers())
                .option("schema.registry.url", cluster.registryUrl())
                .option("http.bind.address", "127.0.0.1");
        service.option("http.port", Integer.toString(service.httpPort()));
        return register(service);
    }

    private synchronized ServiceProcess register(ServiceProcess service) {
        made.add(service);
        return service;
    }

    /**
     * A port free on 127.0.0.1 right now and never handed out before in this JVM ({@link Ports#findFree}), for a
     * listener that must keep its port across restarts.
     */
    public static int freePort() {
        return Ports.findFree();
    }

    /** Stops every service this factory made (SIGTERM, SIGKILL after a grace), in reverse order. */
    @Override
    public synchronized void close() {
        for (int i = made.size() - 1; i >= 0; i--) {
            made.get(i).close();
        }
    }
}
