package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publisher end to end on a real Kafka broker: what a Timing71 client, a REST user and an SSE
 * client see while a session runs.
 */
@ExtendWith(KafkaClusterExtension.class)
class PublisherIT {

    private static final String UUID = "dd203019f9fc49e2a954a3b9281a4927";
    private final ObjectNode manifest = Fixtures.manifest(Fixtures.ELMS);
    private final ObjectNode base = Fixtures.withFlag(Fixtures.state(Fixtures.ELMS), "green");

    private ObjectNode stateAt(int n) {
        return Fixtures.advanced(base, n, 1_700_000_000_000L + n * 1000L);
    }

    private static long stamp(JsonNode message) {
        return message.path("state").path("lastUpdated").asLong();
    }

    @Test
    void aClientJoiningMidSessionGetsManifestAndLatestStateAtOnceThenEveryChange(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "midsession")) {
            h.sendManifest(UUID, manifest);
            for (int i = 0; i < 5; i++) {
                h.sendState(UUID, stateAt(i));
            }
            h.start();
            try (T71TestClient client = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false)) {
                JsonNode first = client.next(10);
                JsonNode second = client.next(10);
                assertThat(first.path("type").asText()).isEqualTo("MANIFEST_UPDATE");
                assertThat(first.path("manifest")).isEqualTo(manifest);
                assertThat(second.path("type").asText()).isEqualTo("STATE_UPDATE");
                assertThat(second.path("state")).as("the latest state, not a replay").isEqualTo(stateAt(4));

                // lockstep: each change is produced once the previous one arrived, so every one must arrive
                for (int i = 5; i < 15; i++) {
                    h.sendState(UUID, stateAt(i));
                    JsonNode update = client.next(10);
                    assertThat(update).as("update %d", i).isNotNull();
                    assertThat(update.path("type").asText()).isEqualTo("STATE_UPDATE");
                    assertThat(stamp(update)).isEqualTo(stateAt(i).path("lastUpdated").asLong());
                }
                assertThat(client.next(1)).as("nothing extra").isNull();
            }
        }
    }

    @Test
    void compressedClientsGetTheSameMessagesForFarFewerBytes(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "deflate")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, stateAt(0));
            h.start();
            try (T71TestClient plain = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false);
                 T71TestClient deflated = T71TestClient.connect(h.wsUrl("/t71/" + UUID), true)) {
                assertThat(plain.negotiatedExtensions()).isNull();
                assertThat(deflated.negotiatedExtensions()).startsWith("permessage-deflate");
                h.sendState(UUID, stateAt(1));
                List<JsonNode> a = collect(plain, 3);
                List<JsonNode> b = collect(deflated, 3);
                assertThat(b).isEqualTo(a);
                assertThat(stamp(b.get(2))).isEqualTo(stateAt(1).path("lastUpdated").asLong());
            }
            String metrics = h.get("/metrics").body();
            assertThat(metrics).contains("pitwall_publisher_sent_bytes_total{transport=\"t71\"}");
        }
    }

    @Test
    void restAndServerSentEventsAgreeWithTheWebSocket(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "agree")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, stateAt(0));
            h.start();
            SseReader sse = SseReader.open(h, "/api/services/" + UUID + "/events");
            try (T71TestClient ws = T71TestClient.connect(h.wsUrl("/t71/" + UUID), true)) {
                collect(ws, 2);
                assertThat(sse.next(10)).extracting(SseEvent::name).isEqualTo("manifest");
                assertThat(sse.next(10)).extracting(SseEvent::name).isEqualTo("state");

                ObjectNode latest = Fixtures.withFlag(stateAt(1), "yellow");
                h.sendState(UUID, latest);
                JsonNode fromWs = ws.next(10).path("state");
                SseEvent fromSse = sse.next(10);
                HttpResponse<String> rest = h.get("/api/services/" + UUID + "/state");

                assertThat(fromWs).isEqualTo(latest);
                assertThat(fromSse.name()).isEqualTo("state");
                assertThat(Fixtures.parse(fromSse.data())).isEqualTo(fromWs);
                assertThat(Fixtures.parse(rest.body())).isEqualTo(fromWs);
                assertThat(rest.headers().firstValue("etag")).isPresent();
                assertThat(Fixtures.parse(h.get("/api/services/" + UUID + "/manifest").body())).isEqualTo(manifest);
                JsonNode directory = Fixtures.parse(h.get("/api/services").body());
                assertThat(directory.path("services")).hasSize(1);
                assertThat(directory.path("services").get(0)).isEqualTo(manifest);
            } finally {
                sse.close();
            }
        }
    }

    @Test
    void theTiming71PortServesTheDefaultServiceAtItsRootAndAnyServiceByUuid(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "t71port")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, stateAt(0));
            h.start();
            try (T71TestClient root = T71TestClient.connect(h.t71PortUrl("/"), false);
                 T71TestClient byUuid = T71TestClient.connect(h.t71PortUrl("/services/" + UUID), false)) {
                assertThat(collect(root, 2)).extracting(m -> m.path("type").asText())
                        .containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
                assertThat(collect(byUuid, 2).get(1).path("state")).isEqualTo(stateAt(0));
            }
            assertThatThrownBy(() -> T71TestClient.connect(h.t71PortUrl("/services/nope"), false).close())
                    .as("an unknown service is refused at the handshake").isInstanceOf(Exception.class);
        }
    }

    @Test
    void aTombstoneEndsTheServiceForEveryClient(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "tombstone")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, stateAt(0));
            h.start();
            SseReader sse = SseReader.open(h, "/api/services/" + UUID + "/events");
            try (T71TestClient ws = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false)) {
                collect(ws, 2);
                h.endService(UUID);
                CloseWebSocketFrame close = ws.awaitClose(10);
                assertThat(close).isNotNull();
                assertThat(close.statusCode()).isEqualTo(1000);
                assertThat(close.reasonText()).isEqualTo("service ended");
                close.release();
                assertThat(sse.nextNamed("end", 10)).isNotNull();
                Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                        assertThat(h.get("/api/services/" + UUID + "/state").statusCode()).isEqualTo(404));
                assertThat(Fixtures.parse(h.get("/api/services").body()).path("services")).isEmpty();
            } finally {
                sse.close();
            }
        }
    }

    @Test
    void connectionsAboveTheLimitAreRefusedWith503(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "limit").with("max.connections", "2")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, stateAt(0));
            h.start();
            try (T71TestClient a = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false);
                 T71TestClient b = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false)) {
                collect(a, 2);
                collect(b, 2);
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", h.publisher().httpPort())) {
                    s.setSoTimeout(5000);
                    String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    assertThat(status).isEqualTo("HTTP/1.1 503 Service Unavailable");
                }
            }
            assertThat(h.get("/metrics").body()).containsPattern("pitwall_publisher_connections_rejected_total [1-9]");
        }
    }

    static List<JsonNode> collect(T71TestClient client, int n) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode m = client.next(10);
            assertThat(m).as("message %d of %d", i + 1, n).isNotNull();
            out.add(m);
        }
        return out;
    }

    /** One Server-Sent Event. */
    record SseEvent(String name, String data) {
    }

    /** A minimal EventSource: reads events off a streaming HTTP response on a background thread. */
    static final class SseReader implements AutoCloseable {
        private final java.util.concurrent.BlockingQueue<SseEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        private final InputStream body;

        private SseReader(InputStream body) {
            this.body = body;
            Thread t = new Thread(this::read, "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        static SseReader open(PublisherHarness h, String path) throws Exception {
            HttpResponse<InputStream> r = h.http().send(HttpRequest.newBuilder(URI.create(h.httpBase() + path))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            return new SseReader(r.body());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new SseEvent(name, data.toString()));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (java.io.IOException e) {
                // stream closed
            }
        }

        SseEvent next(long seconds) throws InterruptedException {
            return events.poll(seconds, TimeUnit.SECONDS);
        }

        SseEvent nextNamed(String name, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                SseEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && e.name().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (java.io.IOException e) {
                // already closed
            }
        }
    }
}
