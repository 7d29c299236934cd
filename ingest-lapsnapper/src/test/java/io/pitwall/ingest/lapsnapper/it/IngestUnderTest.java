package io.pitwall.ingest.lapsnapper.it;

import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.lapsnapper.LapSnapperIngest;
import io.pitwall.ingest.lapsnapper.client.DecoderConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The real service, started in-process as the launcher does, with fast heartbeats and backoff for tests. */
final class IngestUnderTest implements AutoCloseable {

    private final LapSnapperIngest ingest;
    private final RunningService running;

    private IngestUnderTest(LapSnapperIngest ingest, RunningService running) {
        this.ingest = ingest;
        this.running = running;
    }

    static IngestUnderTest start(String bootstrap, String registryUrl, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "--service.id=it-lapsnapper-" + UUID.randomUUID().toString().substring(0, 8),
                "--kafka.bootstrap.servers=" + bootstrap,
                "--schema.registry.url=" + registryUrl,
                "--http.port=0",
                "--http.bind.address=127.0.0.1",
                "--publish.linger=1ms",
                "--lapsnapper.password=1,2,3,4",
                "--lapsnapper.pin=1234",
                "--lapsnapper.heartbeat.interval=200ms",
                "--lapsnapper.handshake.timeout=2s",
                "--reconnect.backoff.initial=100ms",
                "--reconnect.backoff.max=1s"));
        all.addAll(Arrays.asList(args));
        LapSnapperIngest ingest = new LapSnapperIngest();
        IngestService service = IngestService.of(ingest).environment(Map.of());
        return new IngestUnderTest(ingest, service.start(service.configure(all.toArray(String[]::new))));
    }

    List<DecoderConnection> connections() {
        return ingest.connections();
    }

    /** The "hardware" readiness check as /health/ready reports it. */
    CheckResult hardware() {
        return running.context().health().readiness().checks().get("hardware");
    }

    double metric(String name, String... tags) {
        var search = running.meterRegistry().find(name).tags(tags);
        return search.counter() != null ? search.counter().count() : 0;
    }

    /** The Prometheus text of /metrics. */
    String scrape() {
        return running.meterRegistry().scrape();
    }

    /** The sum over every series of a gauge, e.g. open connections over all venues. */
    double gaugeSum(String name) {
        return running.meterRegistry().find(name).gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    @Override
    public void close() {
        running.close();
    }
}
