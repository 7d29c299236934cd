package io.pitwall.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.core.service.ServiceContext;
import io.pitwall.ingest.core.testing.SamplePassings;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.ingest.core.health.HealthReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole bootstrap as an ingest's main() runs it, against a real broker and registry. */
@ExtendWith(KafkaClusterExtension.class)
class IngestServiceIT {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsPublishesReportsHealthAndMetricsAndStopsInOrder(KafkaCluster cluster) throws Exception {
        HardwareIngest ingest = new HardwareIngest();
        IngestService service = IngestService.of(ingest).environment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl(),
                "HTTP_PORT", "0",
                "HTTP_BIND_ADDRESS", "127.0.0.1",
                "HEALTH_KAFKA_CHECK_INTERVAL", "500ms",
                "SERVICE_ID", "ingest-it-1"));

        RunningService running = service.start(service.configure());
        try {
            ServiceContext context = ingest.context;
            assertThat(context).as("ingest started after the publisher").isNotNull();
            assertThat(context.publisher().isWritable()).isTrue();

            // Kafka reachable but the hardware not connected: not ready, and the body says why
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get(running, "/health/ready").body())
                            .contains("\"kafka\":{\"status\":\"UP\"")
                            .contains("\"hardware\":{\"status\":\"DOWN\",\"detail\":\"no decoder connected\"}"));
            assertThat(get(running, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(running, "/health/live").statusCode()).isEqualTo(200);

            ingest.connected.set(true);
            assertThat(get(running, "/health/ready").statusCode()).isEqualTo(200);

            context.metrics().received("it-venue");
            context.publisher().publish(Topics.PASSINGS, "it-venue", SamplePassings.passing("it-venue", 1))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            String metrics = get(running, "/metrics").body();
            assertThat(metrics)
                    .contains("pitwall_ingest_received_total{service=\"ingest-it-1\",source=\"TEST\",venue=\"it-venue\"} 1.0")
                    .contains("pitwall_ingest_events_published_total{service=\"ingest-it-1\",source=\"TEST\","
                            + "topic=\"timing.passings\",venue=\"it-venue\"} 1.0")
                    .contains("pitwall_ingest_confirm_latency_seconds_count{service=\"ingest-it-1\",source=\"TEST\",venue=\"it-venue\"} 1")
                    .contains("pitwall_ingest_buffered_records{service=\"ingest-it-1\",source=\"TEST\"} 0.0")
                    .contains("pitwall_ingest_kafka_unreachable{service=\"ingest-it-1\",source=\"TEST\"} 0.0")
                    .contains("jvm_memory_used_bytes");
        } finally {
            running.close();
        }
        assertThat(ingest.stopped).isTrue();
        assertThat(ingest.publisherOpenWhenStopped).as("hardware stops before the publisher closes").isTrue();
    }

    /**
     * A server-type ingest (CTP01, Smartrace) registers no readiness check of its own: until its start
     * returned — listeners bound — Kubernetes must not send it traffic, and from shutdown on neither.
     */
    @Test
    void notReadyUntilTheIngestHasStartedNorOnceItIsShuttingDown(KafkaCluster cluster) throws Exception {
        SlowStartingIngest ingest = new SlowStartingIngest();
        int port = freePort();
        IngestService service = IngestService.of(ingest).environment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl(),
                "HTTP_PORT", Integer.toString(port),
                "HTTP_BIND_ADDRESS", "127.0.0.1",
                "HEALTH_KAFKA_CHECK_INTERVAL", "500ms",
                "SERVICE_ID", "ingest-it-slow"));
        CompletableFuture<RunningService> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return service.start(service.configure());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        RunningService running = null;
        try {
            assertThat(ingest.starting.await(60, TimeUnit.SECONDS)).as("ingest.start called").isTrue();
            // Kafka and the publisher are fine by now; only the ingest's own start is missing
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get(port, "/health/ready").body()).contains("\"kafka\":{\"status\":\"UP\""));
            HttpResponse<String> during = get(port, "/health/ready");
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.body()).contains("\"started\":{\"status\":\"DOWN\",\"detail\":\"starting: starting the TEST listeners");
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);

            ingest.finishStart.countDown();
            running = starting.get(30, TimeUnit.SECONDS);
            HttpResponse<String> after = get(port, "/health/ready");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).containsPattern("\"started\":\\{\"status\":\"UP\",\"detail\":\"started in \\d+ ms\"");
        } finally {
            ingest.finishStart.countDown();
            if (running == null) {
                running = starting.get(30, TimeUnit.SECONDS);
            }
            running.close();
        }
        assertThat(ingest.readinessWhileStopping).isNotNull();
        assertThat(ingest.readinessWhileStopping.up()).isFalse();
        assertThat(ingest.readinessWhileStopping.checks().get(IngestService.STARTED_CHECK))
                .isEqualTo(CheckResult.down("shutting down"));
    }

    /** A server-type ingest whose start (binding its listeners) takes until the test lets it finish. */
    static final class SlowStartingIngest implements Ingest {
        final CountDownLatch starting = new CountDownLatch(1);
        final CountDownLatch finishStart = new CountDownLatch(1);
        volatile ServiceContext context;
        volatile HealthReport readinessWhileStopping;

        @Override
        public String name() {
            return "ingest-it-slow";
        }

        @Override
        public String source() {
            return "TEST";
        }

        @Override
        public int defaultHttpPort() {
            return 9465;
        }

        @Override
        public ConfigFields fields() {
            return ConfigFields.of();
        }

        @Override
        public void start(ServiceContext ctx) throws InterruptedException {
            context = ctx;
            starting.countDown();
            if (!finishStart.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never let the start finish");
            }
        }

        @Override
        public void stop() {
            readinessWhileStopping = context.health().readiness();
        }
    }

    private static int freePort() {
        return Ports.findFree();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stands in for a client-type ingest: readiness includes "hardware connected". */
    static final class HardwareIngest implements Ingest {
        final AtomicBoolean connected = new AtomicBoolean();
        volatile ServiceContext context;
        volatile boolean stopped;
        volatile boolean publisherOpenWhenStopped;

        @Override
        public String name() {
            return "ingest-it";
        }

        @Override
        public String source() {
            return "TEST";
        }

        @Override
        public int defaultHttpPort() {
            return 9464;
        }

        @Override
        public ConfigFields fields() {
            return ConfigFields.of();
        }

        @Override
        public void start(ServiceContext ctx) {
            ctx.health().addReadiness("hardware", () -> connected.get()
                    ? CheckResult.up("decoder connected") : CheckResult.down("no decoder connected"));
            this.context = ctx;
        }

        @Override
        public void stop() {
            // a closed publisher would refuse at once
            publisherOpenWhenStopped = !context.publisher().publish(Topics.PASSINGS, "it-venue",
                    SamplePassings.passing("it-venue", 2)).toCompletableFuture().isCompletedExceptionally();
            stopped = true;
        }
    }

    private HttpResponse<String> get(RunningService running, String path) throws Exception {
        return get(running.httpPort(), path);
    }
}
