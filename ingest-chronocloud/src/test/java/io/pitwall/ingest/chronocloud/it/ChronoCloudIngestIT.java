package io.pitwall.ingest.chronocloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.ChronoCloudIngest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.chronocloud.SentPassing;
import io.pitwall.simulator.chronocloud.SignatureEncoding;
import io.pitwall.simulator.chronocloud.TimeStyle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest as it runs in production (IngestService, DurablePublisher, real Kafka and schema
 * registry) with simulated ChronoFly stations: what the timer sees confirmed is what analytics
 * consumers find in {@code timing.passings}, exactly once.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChronoCloudIngestIT {

    static final Instant RACE_START = Instant.parse("2024-05-12T11:00:00Z");
    static final KeyPair SIGNING_KEY = rsa();

    /** Static: JUnit fills static temp dirs before {@code @BeforeAll}, instance ones only per test. */
    @TempDir
    static Path keys;

    KafkaCluster cluster;
    ChronoCloudIngest ingest;
    RunningService running;
    final List<ChronoFlySimulator> stations = new ArrayList<>();

    @BeforeAll
    void startIngest(KafkaCluster cluster) throws Exception {
        this.cluster = cluster;
        Files.writeString(keys.resolve("it-signed-station.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(SIGNING_KEY.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(keys.resolve("it-forged-station.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(SIGNING_KEY.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl());
        env.put("SERVICE_ID", "chronocloud-it");
        env.put("HTTP_PORT", "0");
        env.put("HTTP_BIND_ADDRESS", "127.0.0.1");
        env.put("CHRONOCLOUD_PORT", "0");
        env.put("CHRONOCLOUD_BIND_ADDRESS", "127.0.0.1");
        env.put("CHRONOCLOUD_PATH", "/chronocloud");
        env.put("CHRONOCLOUD_STATIONS", "it-exactly-station=it-exactly,it-rounds-station=it-rounds,"
                + "it-signed-station=it-signed,it-forged-station=it-signed,it-older-station=it-older");
        env.put("CHRONOCLOUD_VENUE_TIME_ZONES", "it-older=Europe/Helsinki");
        env.put("CHRONOCLOUD_KEYS_DIR", keys.toString());
        ingest = new ChronoCloudIngest();
        IngestService service = IngestService.of(ingest).environment(env);
        running = service.start(service.configure());
    }

    @AfterAll
    void stop() {
        stations.forEach(ChronoFlySimulator::close);
        if (running != null) {
            running.close();
        }
    }

    ChronoFlySimulator station(String id, Function<ChronoFlySimulator.Builder, ChronoFlySimulator.Builder> settings)
            throws InterruptedException {
        ChronoFlySimulator.Builder builder = ChronoFlySimulator.builder(URI.create("ws://127.0.0.1:" + ingest.port() + "/chronocloud"))
                .station(id).competition("it-competition").cycle(Duration.ofMillis(150)).reconnectDelay(Duration.ofMillis(100));
        ChronoFlySimulator station = settings.apply(builder).build();
        stations.add(station);
        station.start();
        assertThat(station.awaitConnected(Duration.ofSeconds(30))).as(station.lastError()).isTrue();
        return station;
    }

    List<Passing> passingsOf(String venue, int expected) {
        return TopicReader.read(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), Topics.PASSINGS.name(),
                Topics.PASSINGS.partitions(), Passing.class, venue, got -> got.size() >= expected, Duration.ofSeconds(2),
                Duration.ofSeconds(60));
    }

    static Set<String> identities(List<Passing> passings) {
        return passings.stream().map(p -> p.getStreamId() + "#" + p.getStreamEpoch() + "#" + p.getSequence())
                .collect(Collectors.toSet());
    }

    @Test
    void everyPassingLandsExactlyOnceWhileTheStationResendsAndReconnects() throws Exception {
        // a third of the confirmations get lost on the way, so the station re-sends passings already stored
        ChronoFlySimulator station = station("it-exactly-station", b -> b.round("Race").loseConfirmations(0.3, 7));
        List<SentPassing> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(station.pass(Integer.toString(1 + i % 12), RACE_START.plusMillis(1_250L * i)));
            if (i % 75 == 74) {
                long handshakes = station.handshakes();
                station.dropConnection();
                // the next passings are registered while the station is offline, then it comes back
                sent.add(station.pass("99", RACE_START.plusMillis(1_250L * i + 600)));
                await().atMost(Duration.ofSeconds(30)).until(() -> station.handshakes() > handshakes);
            }
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(120))).as("all confirmed").isTrue();
        assertThat(station.resends()).as("the station did re-send").isPositive();
        assertThat(station.handshakes()).isEqualTo(5);

        List<Passing> stored = passingsOf("it-exactly", sent.size());
        assertThat(stored).hasSize(sent.size());
        assertThat(identities(stored)).hasSize(sent.size());
        Map<Long, SentPassing> byId = sent.stream().collect(Collectors.toMap(SentPassing::id, p -> p));
        for (Passing p : stored) {
            SentPassing original = byId.get(p.getSequence());
            assertThat(p.getTransponder()).isEqualTo(original.transponder());
            assertThat(p.getPassingTime()).isEqualTo(original.time());
            assertThat(p.getLine()).isEqualTo(LineKind.FINISH);
            assertThat(p.getStreamId()).isEqualTo("it-exactly/it-exactly-station/it-competition/Race");
        }
        assertThat(metrics()).containsPattern("pitwall_chronocloud_duplicates_total\\{[^}]*venue=\"it-exactly\"[^}]*} [1-9]");
    }

    @Test
    void aRoundChangeOrClearedTablesRestartingIdsAtZeroAreNotTakenForDuplicates() throws Exception {
        ChronoFlySimulator station = station("it-rounds-station", b -> b.round("Heat 1"));
        for (int i = 0; i < 10; i++) {
            station.pass("7" + i % 3, RACE_START.plusSeconds(i));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();
        station.changeRound("Heat 2");
        for (int i = 0; i < 10; i++) {
            station.pass("7" + i % 3, RACE_START.plusSeconds(600 + i));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();
        station.clearTables();
        for (int i = 0; i < 5; i++) {
            station.pass("8" + i, RACE_START.plusSeconds(1200 + i));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();

        List<Passing> stored = passingsOf("it-rounds", 25);
        assertThat(stored).hasSize(25);
        assertThat(identities(stored)).hasSize(25);
        Map<String, Long> perRound = stored.stream().collect(Collectors.groupingBy(p -> p.getAttributes().get("round"),
                Collectors.counting()));
        assertThat(perRound).containsExactlyInAnyOrderEntriesOf(Map.of("Heat 1", 10L, "Heat 2", 15L));
        List<Passing> afterClear = stored.stream().filter(p -> p.getTransponder().startsWith("8")).toList();
        assertThat(afterClear).extracting(Passing::getSequence).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        assertThat(afterClear).extracting(Passing::getStreamEpoch).allMatch(epoch -> epoch > 0);
    }

    @Test
    void aBadSignatureIsRejectedWhenTheStationHasAKey() throws Exception {
        ChronoFlySimulator genuine = station("it-signed-station",
                b -> b.signWith(SIGNING_KEY.getPrivate(), SignatureEncoding.BASE64));
        ChronoFlySimulator forged = station("it-forged-station",
                b -> b.signWith(rsa().getPrivate(), SignatureEncoding.BASE64));
        for (int i = 0; i < 5; i++) {
            genuine.pass("1" + i, RACE_START.plusSeconds(i));
            forged.pass("9" + i, RACE_START.plusSeconds(i));
        }
        assertThat(genuine.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();
        // several cycles of re-sends, none of them heard back
        long resendsBefore = forged.resends();
        await().atMost(Duration.ofSeconds(60)).until(() -> forged.resends() >= resendsBefore + 20);
        assertThat(forged.confirmationsReceived()).isEmpty();
        assertThat(forged.unconfirmed()).hasSize(5);

        List<Passing> stored = passingsOf("it-signed", 5);
        assertThat(stored).hasSize(5).allSatisfy(p -> {
            assertThat(p.getAttributes()).containsEntry("station", "it-signed-station").containsEntry("signature", "verified");
        });
        assertThat(metrics()).containsPattern("pitwall_chronocloud_signatures_total\\{[^}]*result=\"rejected\"[^}]*venue=\"it-signed\"[^}]*} [1-9]");
    }

    @Test
    void anOlderStationsTimesOfDayAndHexSignaturesAndItsStatus() throws Exception {
        ZoneId helsinki = ZoneId.of("Europe/Helsinki");
        ChronoFlySimulator station = station("it-older-station", b -> b.timeStyle(TimeStyle.TIME_OF_DAY).zone(helsinki)
                .fixedSignature("5f3a9c01be7d42e8").version("1.0.9"));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        station.pass("42", now.minusSeconds(3));
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> station.confirmationsReceived().contains("pong"));

        Passing passing = passingsOf("it-older", 1).get(0);
        assertThat(passing.getPassingTime()).isEqualTo(now.minusSeconds(3));
        assertThat(passing.getAttributes()).containsEntry("signature", "unsigned");

        List<DecoderStatus> statuses = TopicReader.read(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
                Topics.DECODER_STATUS.name(), Topics.DECODER_STATUS.partitions(), DecoderStatus.class, "it-older",
                got -> got.stream().anyMatch(s -> s.getKind() == DecoderStatusKind.CLOCK_OFFSET), Duration.ZERO,
                Duration.ofSeconds(60));
        assertThat(statuses).extracting(DecoderStatus::getKind).contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.CLOCK_OFFSET);
        assertThat(statuses).filteredOn(s -> s.getKind() == DecoderStatusKind.CONNECTED).first()
                .satisfies(s -> assertThat(s.getAttributes()).containsEntry("version", "1.0.9"));
    }

    String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + running.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
