package io.pitwall.ingest.smartrace.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.publish.AutoReadSwitch;
import io.pitwall.ingest.smartrace.bridge.BridgeMetrics;
import io.pitwall.ingest.smartrace.bridge.BridgeSettings;
import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.ingest.smartrace.mapping.StreamEpochs;
import io.pitwall.ingest.smartrace.session.SensorSession;
import io.pitwall.ingest.smartrace.venue.SensorToken;
import io.pitwall.ingest.smartrace.venue.VenueDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sensor server with everything but Kafka: a recording sink, real metrics, a back-pressure switch
 * the test controls. Venues: {@code club-a} (root path), {@code club-b} (path only), {@code club-c}
 * (its own port).
 */
final class ServerHarness implements AutoCloseable {

    /**
     * Tests feed crossings faster than real time (seconds of racing in one burst), which a real sensor
     * cannot do; a wide anchor tolerance keeps such a burst on its first anchor. Tests that race in real
     * time use the service's default tolerance ({@link Builder#realTime()}).
     */
    static final Duration BURST_TOLERANCE = Duration.ofHours(1);

    final RecordingSink sink = new RecordingSink();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics ingestMetrics = new IngestMetrics(registry, "SMARTRACE");
    final SmartraceMetrics metrics = new SmartraceMetrics(registry);
    final BridgeMetrics bridgeMetrics = new BridgeMetrics(registry);
    final AtomicBoolean writable = new AtomicBoolean(true);
    final AutoReadSwitch reads = new AutoReadSwitch(writable::get);
    final VenueDirectory venues;
    final SmartraceServer server;

    private ServerHarness(Builder b) throws InterruptedException {
        Set<String> served = new LinkedHashSet<>(Set.of("club-a", "club-b", "club-c"));
        venues = new VenueDirectory(served, new ControllerDataMapper(6), Duration.ofMinutes(30));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, Map.of("club-c", 0), "club-a", served,
                SensorToken.of(Optional.ofNullable(b.token)), 4096, b.pingInterval, b.idleTimeout, b.maxConnections, 2,
                b.session());
        Optional<BridgeSettings> bridge = Optional.ofNullable(b.upstream).map(uri -> new BridgeSettings(Map.of(), uri, 16,
                () -> io.pitwall.ingest.core.backoff.ReconnectBackoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200)),
                Duration.ZERO, Duration.ZERO));
        server = new SmartraceServer(settings, new ConnectionServices(venues, sink, ingestMetrics, metrics, reads::attach,
                b.session(), bridge, bridgeMetrics, null, StreamEpochs.systemClock(), Clock.systemUTC())).start();
    }

    static Builder builder() {
        return new Builder();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    URI venuePortUri() {
        return URI.create("ws://127.0.0.1:" + server.portOf("club-c") + "/");
    }

    double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        server.close();
    }

    static final class Builder {
        String token;
        URI upstream;
        Duration pingInterval = Duration.ZERO;
        Duration idleTimeout = Duration.ZERO;
        int maxConnections = 64;
        Duration anchorTolerance = BURST_TOLERANCE;

        Builder token(String value) {
            token = value;
            return this;
        }

        Builder upstream(URI value) {
            upstream = value;
            return this;
        }

        Builder keepAlive(Duration ping, Duration idle) {
            pingInterval = ping;
            idleTimeout = idle;
            return this;
        }

        Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Crossings fed at their real times: the service's default anchor tolerance (500 ms). */
        Builder realTime() {
            anchorTolerance = Duration.ofMillis(500);
            return this;
        }

        SensorSession.Settings session() {
            return new SensorSession.Settings(7, anchorTolerance, Duration.ofMillis(250));
        }

        ServerHarness start() throws InterruptedException {
            return new ServerHarness(this);
        }
    }
}
