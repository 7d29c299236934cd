package io.pitwall.ingest.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    final HttpClient http = HttpClient.newHttpClient();
    final HealthRegistry health = new HealthRegistry();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicBoolean hardwareConnected = new AtomicBoolean();
    HealthServer server;

    @BeforeEach
    void start() throws Exception {
        health.addLiveness("threads", () -> CheckResult.up("alive"));
        health.addReadiness("kafka", () -> CheckResult.up("cluster x, 1 broker"));
        health.addReadiness("hardware", () -> hardwareConnected.get()
                ? CheckResult.up("connected") : CheckResult.down("decoder 10.0.0.5 not connected"));
        server = HealthServer.start("127.0.0.1", 0, health, registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void livenessIsUpWhileLivenessChecksPass() throws Exception {
        HttpResponse<String> response = get("/health/live");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("threads").path("status").asText()).isEqualTo("UP");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void readinessIs503UntilEveryCheckPassesAndListsEachCheck() throws Exception {
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(notReady.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("checks").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("hardware").path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("checks").path("hardware").path("detail").asText()).isEqualTo("decoder 10.0.0.5 not connected");

        hardwareConnected.set(true);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(ready.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aCheckThatThrowsCountsAsDown() throws Exception {
        health.addLiveness("broken", () -> {
            throw new IllegalStateException("boom");
        });
        HttpResponse<String> response = get("/health/live");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("check failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void metricsServesThePrometheusScrape() throws Exception {
        Counter.builder("pitwall.test.things").tag("venue", "spa").register(registry).increment(3);

        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("pitwall_test_things_total{venue=\"spa\"} 3.0");

        HttpResponse<String> openMetrics = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/openmetrics-text"));
        assertThat(openMetrics.body()).contains("pitwall_test_things_total{venue=\"spa\"} 3.0").contains("# EOF");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/health/ready/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health/live"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/health/live"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void checksCanBeAddedAndRemovedWhileRunning() throws Exception {
        hardwareConnected.set(true);
        health.addReadiness("late", () -> CheckResult.down("not yet"));
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        health.removeReadiness("late");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
