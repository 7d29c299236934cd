package io.pitwall.ingest.chronocloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.ChronoCloudIngest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.chronocloud.SentPassing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability contract with a real broker that goes away: while Kafka is down the station hears
 * nothing — no {@code bumb-}, no {@code pong} — and keeps re-sending, across a reconnect too; when
 * Kafka is back everything is stored and confirmed, none lost, none doubled. The broker is this test's
 * own; only the schema registry is the shared test cluster's.
 */
@ExtendWith(KafkaClusterExtension.class)
class KafkaOutageIT {

    static final String VENUE = "it-outage";
    static final Instant RACE_START = Instant.parse("2024-05-12T11:00:00Z");

    @TempDir
    Path dataDir;

    EmbeddedKafka kafka;
    RunningService running;
    ChronoFlySimulator station;

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
        if (running != null) {
            running.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void nothingIsConfirmedWhileKafkaIsDownAndNothingIsLostOrDoubledAfterwards(KafkaCluster registry) throws Exception {
        kafka = EmbeddedKafka.builder(dataDir.resolve("kafka")).build().start();
        ChronoCloudIngest ingest = new ChronoCloudIngest();
        IngestService service = IngestService.of(ingest).environment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.schemaRegistryUrl(),
                "SERVICE_ID", "chronocloud-outage-it",
                "HTTP_PORT", "0",
                "HTTP_BIND_ADDRESS", "127.0.0.1",
                "HEALTH_KAFKA_CHECK_INTERVAL", "500ms",
                "PUBLISH_STALL_THRESHOLD", "2s",
                "CHRONOCLOUD_PORT", "0",
                "CHRONOCLOUD_BIND_ADDRESS", "127.0.0.1",
                "CHRONOCLOUD_DEFAULT_VENUE", VENUE));
        running = service.start(service.configure());
        station = ChronoFlySimulator.builder(URI.create("ws://127.0.0.1:" + ingest.port() + "/"))
                .station("outage-station").round("Race").cycle(Duration.ofMillis(200)).reconnectDelay(Duration.ofMillis(200))
                .build().start();
        assertThat(station.awaitConnected(Duration.ofSeconds(30))).isTrue();

        // 1. Kafka up: confirmed as usual
        List<SentPassing> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(station.pass(Integer.toString(i % 5), RACE_START.plusSeconds(i)));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();

        // 2. Kafka down: more passings, re-sent every cycle, and a reconnect in the middle
        kafka.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/health/ready") == 503);
        int heardBeforeOutage = station.confirmationsReceived().size();
        for (int i = 20; i < 50; i++) {
            sent.add(station.pass(Integer.toString(i % 5), RACE_START.plusSeconds(i)));
        }
        // at least five cycles of 30 re-sent passings
        long resends = station.resends();
        await().atMost(Duration.ofSeconds(60)).until(() -> station.resends() >= resends + 150);
        station.dropConnection();
        long handshakes = station.handshakes();
        await().atMost(Duration.ofSeconds(30)).until(() -> station.handshakes() > handshakes);
        long resendsAfterReconnect = station.resends();
        await().atMost(Duration.ofSeconds(60)).until(() -> station.resends() >= resendsAfterReconnect + 150);

        List<String> heardDuringOutage = station.confirmationsReceived().subList(heardBeforeOutage,
                station.confirmationsReceived().size());
        assertThat(heardDuringOutage).as("no bumb-, no pong while Kafka is down").isEmpty();
        assertThat(station.unconfirmed()).hasSize(30);
        assertThat(status("/health/live")).isEqualTo(200);

        // 3. Kafka back: everything arrives and is confirmed, without restarting anything
        kafka.start();
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(120))).as("all confirmed after the outage").isTrue();

        List<Passing> stored = TopicReader.read(kafka.bootstrapServers(), registry.schemaRegistryUrl(),
                Topics.PASSINGS.name(), Topics.PASSINGS.partitions(), Passing.class, VENUE, got -> got.size() >= 50,
                Duration.ofSeconds(3), Duration.ofSeconds(60));
        assertThat(stored).extracting(Passing::getSequence).as("none lost, none doubled")
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(SentPassing::id).toList());
        Map<Long, Instant> times = stored.stream().collect(Collectors.toMap(Passing::getSequence, Passing::getPassingTime));
        for (SentPassing p : sent) {
            assertThat(times.get(p.id())).isEqualTo(p.time());
        }
    }

    int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + running.httpPort() + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
