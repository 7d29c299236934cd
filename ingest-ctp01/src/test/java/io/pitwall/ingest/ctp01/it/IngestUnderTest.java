package io.pitwall.ingest.ctp01.it;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.ctp01.Ctp01Ingest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The CTP01 ingest service run in this JVM exactly as its main() runs it, against the test cluster. */
final class IngestUnderTest implements AutoCloseable {

    final Ctp01Ingest ingest;
    final RunningService running;

    private IngestUnderTest(Ctp01Ingest ingest, RunningService running) {
        this.ingest = ingest;
        this.running = running;
    }

    static IngestUnderTest start(KafkaCluster cluster, String serviceId, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers=" + cluster.bootstrapServers(),
                "--schema.registry.url=" + cluster.schemaRegistryUrl(),
                "--service.id=" + serviceId,
                "--http.port=0",
                "--http.bind.address=127.0.0.1",
                "--ctp01.bind.address=127.0.0.1",
                "--ctp01.port=0",
                "--ctp01.auth.failure.delay=50ms",
                // pull mode learns of new locations only by asking
                "--ctp01.locations.refresh.interval=500ms",
                "--health.kafka.check.interval=1s"));
        args.addAll(Arrays.asList(options));
        Ctp01Ingest ingest = new Ctp01Ingest(Map.of());
        IngestService service = IngestService.of(ingest).environment(Map.of());
        return new IngestUnderTest(ingest, service.start(service.configure(args.toArray(String[]::new))));
    }

    int port(String venue) {
        return ingest.port(venue);
    }

    @Override
    public void close() {
        running.close();
    }
}
