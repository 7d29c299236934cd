package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Values on the Timing71 topics that are not the promised JSON ("poison"), on a real broker: they are
 * skipped and counted on /metrics, and never leave a service without its manifest, its state, its
 * directory entry or its viewers — whether the poison comes before the first valid documents, after
 * them, for another service, or between them and a tombstone, and whether the publisher reads it live
 * or in one go at start.
 */
@ExtendWith(KafkaClusterExtension.class)
class PoisonRecordIT {

    private static final String A = "5b0f3e7c2d9a4e81b6c4f1a2d3e4f5a6";
    private static final String B = "8c1d2e3f4a5b4c6d8e9f0a1b2c3d4e5f";
    private static final String C = "0a9b8c7d6e5f4a3b9c2d1e0f9a8b7c6d";
    private static final byte[] BROKEN_JSON = "{\"cars\":[[\"1\",".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AVRO_LIKE = {0, 0, 0, 0, 42, 2, 'x', (byte) 0xfe};

    private final ObjectNode base = Fixtures.withFlag(Fixtures.state(Fixtures.ELMS), "green");

    private ObjectNode stateAt(int n) {
        return Fixtures.advanced(base, n, 1_700_000_000_000L + n * 1000L);
    }

    private static ObjectNode manifestOf(String uuid) {
        return Fixtures.manifest(Fixtures.ELMS, uuid, "Session " + uuid.substring(0, 4));
    }

    private static double invalidCount(PublisherHarness h, String topic) throws Exception {
        Matcher m = Pattern.compile("pitwall_publisher_records_invalid_total\\{topic=\"" + Pattern.quote(topic) + "\"} (\\S+)")
                .matcher(h.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static List<String> directory(PublisherHarness h) throws Exception {
        List<String> uuids = new ArrayList<>();
        Fixtures.parse(h.get("/api/services").body()).path("services").forEach(s -> uuids.add(s.path("uuid").asText()));
        return uuids;
    }

    /** Reads messages until a STATE_UPDATE carrying {@code expected}; returns everything read. */
    private static List<JsonNode> untilState(T71TestClient client, JsonNode expected) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode m = client.next(15);
            assertThat(m).as("a STATE_UPDATE with lastUpdated %s; got %s", expected.path("lastUpdated"),
                    seen.stream().map(s -> s.path("type").asText()).toList()).isNotNull();
            seen.add(m);
            if (m.path("type").asText().equals("STATE_UPDATE") && m.path("state").equals(expected)) {
                return seen;
            }
        }
    }

    @Test
    void poisonBeforeTheFirstManifestAndStateNeverCostsViewersTheService(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "poison").with("default.service", A)) {
            h.sendManifest(B, manifestOf(B));
            h.sendState(B, stateAt(0));
            h.start();
            try (T71TestClient early = T71TestClient.connect(h.wsUrl("/t71"), true);
                 T71TestClient bViewer = T71TestClient.connect(h.wsUrl("/t71/" + B), false)) {
                PublisherIT.collect(bViewer, 2);

                h.send(h.statesTopic, A, BROKEN_JSON);
                h.send(h.manifestsTopic, A, AVRO_LIKE);
                // each poison read on its own, so each is counted (a poison superseded within one poll is not parsed)
                Awaitility.await("poison counted").atMost(15, TimeUnit.SECONDS).untilAsserted(() -> {
                    assertThat(invalidCount(h, h.statesTopic)).isEqualTo(1.0);
                    assertThat(invalidCount(h, h.manifestsTopic)).isEqualTo(1.0);
                });
                assertThat(h.get("/api/services/" + A + "/state").statusCode()).as("no half-registered service").isEqualTo(404);
                assertThat(directory(h)).containsExactly(B);

                // poison for A does not disturb B
                h.sendState(B, stateAt(1));
                assertThat(untilState(bViewer, stateAt(1))).hasSize(1);

                h.sendManifest(A, manifestOf(A));
                for (int i = 1; i <= 3; i++) {
                    h.sendState(A, stateAt(i));
                }
                List<JsonNode> earlySaw = untilState(early, stateAt(3));
                assertThat(earlySaw.get(0).path("type").asText()).as("manifest first").isEqualTo("MANIFEST_UPDATE");
                assertThat(earlySaw.get(0).path("manifest")).isEqualTo(manifestOf(A));

                try (T71TestClient late = T71TestClient.connect(h.wsUrl("/t71/" + A), false)) {
                    List<JsonNode> lateSaw = PublisherIT.collect(late, 2);
                    assertThat(lateSaw.get(0).path("manifest")).isEqualTo(manifestOf(A));
                    assertThat(lateSaw.get(1).path("state")).isEqualTo(stateAt(3));
                    JsonNode dir = Fixtures.parse(h.get("/api/services").body());
                    assertThat(directory(h)).containsExactlyInAnyOrder(A, B);
                    assertThat(dir.path("default").asText()).isEqualTo(A);

                    // poison after valid states: counted, the newest valid state stays
                    h.send(h.statesTopic, A, AVRO_LIKE);
                    Awaitility.await().atMost(15, TimeUnit.SECONDS)
                            .untilAsserted(() -> assertThat(invalidCount(h, h.statesTopic)).isEqualTo(2.0));
                    assertThat(Fixtures.parse(h.get("/api/services/" + A + "/state").body())).isEqualTo(stateAt(3));

                    // a tombstone after the poison ends A cleanly, and B lives on
                    h.endService(A);
                    CloseWebSocketFrame close = late.awaitClose(15);
                    assertThat(close).isNotNull();
                    assertThat(close.reasonText()).isEqualTo("service ended");
                    close.release();
                }
                Awaitility.await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(directory(h)).containsExactly(B));
                assertThat(h.get("/api/services/" + A + "/state").statusCode()).isEqualTo(404);
                h.sendState(B, stateAt(2));
                assertThat(untilState(bViewer, stateAt(2))).hasSize(1);
            }
        }
    }

    @Test
    void aRestartThatReadsPoisonAfterValidDocumentsAndTombstonesServesWhatWasValid(KafkaCluster cluster) throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "poison-restart")) {
            // A: valid manifest and state, then poison on both topics
            h.sendManifest(A, manifestOf(A));
            h.sendState(A, stateAt(1));
            h.send(h.manifestsTopic, A, BROKEN_JSON);
            h.send(h.statesTopic, A, AVRO_LIKE);
            // C: a session that ended, then poison on both topics
            h.sendManifest(C, manifestOf(C));
            h.sendState(C, stateAt(1));
            h.endService(C);
            h.send(h.statesTopic, C, BROKEN_JSON);
            h.send(h.manifestsTopic, C, BROKEN_JSON);

            // the start-up read takes each topic's history in one poll
            h.start();

            assertThat(directory(h)).as("A listed with its valid manifest, C ended").containsExactly(A);
            assertThat(Fixtures.parse(h.get("/api/services/" + A + "/manifest").body())).isEqualTo(manifestOf(A));
            assertThat(Fixtures.parse(h.get("/api/services/" + A + "/state").body())).isEqualTo(stateAt(1));
            assertThat(h.get("/api/services/" + C + "/state").statusCode()).isEqualTo(404);
            try (T71TestClient viewer = T71TestClient.connect(h.wsUrl("/t71"), false)) {
                List<JsonNode> saw = PublisherIT.collect(viewer, 2);
                assertThat(saw.get(0).path("manifest")).isEqualTo(manifestOf(A));
                assertThat(saw.get(1).path("state")).isEqualTo(stateAt(1));
            }
            // A's poison values are the newest records of A, so they are parsed and counted; C's may be
            // passed over unparsed, depending on which of C's tombstones the poll holds last
            assertThat(invalidCount(h, h.statesTopic)).isBetween(1.0, 2.0);
            assertThat(invalidCount(h, h.manifestsTopic)).isBetween(1.0, 2.0);
        }
    }
}
