package io.pitwall.ingest.chronocloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.codec.SpecExamples;
import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import io.pitwall.ingest.chronocloud.session.PassingLedger;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.chronocloud.session.TestSink;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.chronocloud.SentPassing;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real server on loopback, driven by the ChronoFly simulator and by a raw WebSocket client. */
class ChronoCloudServerTest {

    static final String STATION = "ChronoFly-12345";

    final TestSink sink = new TestSink().autoAcknowledge();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<AutoCloseable> resources = new ArrayList<>();
    ChronoCloudServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
        if (server != null) {
            server.close();
        }
    }

    ChronoCloudServer start(int maxConnections, int perAddress, Duration idle, boolean tls) throws Exception {
        VenueClocks clocks = VenueClocks.of(ZoneId.of("Europe/Helsinki"));
        SessionContext context = new SessionContext(new StationDirectory(Map.of(STATION, "keimola"), Optional.empty()),
                new SignatureVerifier(StationKeys.none()), SignatureFailureAction.REJECT,
                new PassingLedger(1000, 100, Clock.systemUTC()), new PassingMapper(clocks, LineMap.defaultMap()),
                new DecoderStatusMapper(clocks), sink, new IngestMetrics(registry, "CHRONOCLOUD"),
                new ChronoCloudMetrics(registry), Clock.systemUTC(), idle);
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, "/chronocloud", 4096, maxConnections, perAddress, idle,
                Duration.ofSeconds(10), 1, tls ? Optional.of(TlsContexts.server(resource("/tls/server.crt"),
                        resource("/tls/server.key"), null)) : Optional.empty());
        server = ChronoCloudServer.start(settings, context, channel -> { });
        return server;
    }

    static Path resource(String name) throws Exception {
        return Path.of(ChronoCloudServerTest.class.getResource(name).toURI());
    }

    URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
    }

    ChronoFlySimulator station(ChronoFlySimulator.Builder builder) {
        ChronoFlySimulator station = builder.station(STATION).cycle(Duration.ofMillis(200))
                .reconnectDelay(Duration.ofMillis(100)).build();
        resources.add(station);
        return station.start();
    }

    double count(String meter, String... tags) {
        Counter c = registry.find(meter).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aStationsPassingsAreStoredAndConfirmed() throws Exception {
        start(16, 16, Duration.ofSeconds(30), false);
        ChronoFlySimulator station = station(ChronoFlySimulator.builder(uri("ws", "/chronocloud/any/suffix")));
        assertThat(station.awaitConnected(Duration.ofSeconds(10))).isTrue();
        List<SentPassing> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(station.pass(Integer.toString(100 + i % 4), Instant.parse("2024-05-12T12:00:00Z").plusSeconds(i)));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(20))).isTrue();

        List<Passing> stored = sink.on(Topics.PASSINGS).stream().map(p -> (Passing) p.event()).toList();
        assertThat(stored).extracting(Passing::getSequence).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(SentPassing::id).toList());
        assertThat(stored).extracting(Passing::getPassingTime).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(SentPassing::time).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> station.confirmationsReceived().contains("pong"));
        assertThat(sink.on(Topics.DECODER_STATUS)).extracting(p -> ((DecoderStatus) p.event()).getKind())
                .contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.CLOCK_OFFSET);
    }

    @Test
    void otherHttpRequestsAreAnsweredWith404() throws Exception {
        start(16, 16, Duration.ofSeconds(30), false);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("http", "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("ChronoCloud 2 WebSocket server", "/chronocloud");
    }

    @Test
    void garbageIsCountedAndTheConnectionStaysUp() throws Exception {
        start(16, 16, Duration.ofSeconds(30), false);
        try (RawWebSocket ws = new RawWebSocket(uri("ws", "/chronocloud"))) {
            ws.send("this is not JSON");
            ws.send("{\"station\":\"" + STATION + "\",\"competition\":\"c\",\"data\":{\"event\":\"passing\",\"id\":70}}");
            ws.send(SpecExamples.text(SpecExamples.PASSING));
            assertThat(ws.next(10)).isEqualTo("bumb-70");
            assertThat(ws.closedWith).isNotDone();
        }
        assertThat(count(MetricNames.DECODE_ERRORS, "kind", "malformed_json")).isEqualTo(1);
        assertThat(count(MetricNames.DECODE_ERRORS, "kind", "not_a_string")).isEqualTo(1);
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWith1009() throws Exception {
        start(16, 16, Duration.ofSeconds(30), false);
        try (RawWebSocket ws = new RawWebSocket(uri("ws", "/chronocloud"))) {
            ws.send("{\"station\":\"" + "x".repeat(5000) + "\"}");
            assertThat(ws.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(count(MetricNames.DECODE_ERRORS, "kind", "frame_too_large")).isEqualTo(1));
    }

    @Test
    void connectionsBeyondTheTotalLimitAreClosedAtOnce() throws Exception {
        start(2, 16, Duration.ofSeconds(30), false);
        RawWebSocket first = new RawWebSocket(uri("ws", "/chronocloud"));
        RawWebSocket second = new RawWebSocket(uri("ws", "/chronocloud"));
        resources.add(first);
        resources.add(second);
        assertThatThrownBy(() -> new RawWebSocket(uri("ws", "/chronocloud")).close()).isInstanceOf(Exception.class);
        // the JDK client tries twice before it gives up
        assertThat(count(ChronoCloudMetrics.CONNECTIONS_REFUSED, "reason", "total")).isPositive();

        second.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 1);
        resources.add(new RawWebSocket(uri("ws", "/chronocloud")));
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreClosedAtOnce() throws Exception {
        start(16, 1, Duration.ofSeconds(30), false);
        resources.add(new RawWebSocket(uri("ws", "/chronocloud")));
        assertThatThrownBy(() -> new RawWebSocket(uri("ws", "/chronocloud")).close()).isInstanceOf(Exception.class);
        assertThat(count(ChronoCloudMetrics.CONNECTIONS_REFUSED, "reason", "per_address")).isPositive();
    }

    @Test
    void aSilentStationIsReportedAsHeartbeatLostAndDisconnected() throws Exception {
        start(16, 16, Duration.ofMillis(700), false);
        try (RawWebSocket ws = new RawWebSocket(uri("ws", "/chronocloud"))) {
            ws.send(SpecExamples.text(SpecExamples.KEEPALIVE));
            assertThat(ws.next(10)).isEqualTo("pong");
            assertThat(ws.closedWith.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.on(Topics.DECODER_STATUS))
                .extracting(p -> ((DecoderStatus) p.event()).getKind())
                .containsSubsequence(DecoderStatusKind.HEARTBEAT_LOST, DecoderStatusKind.DISCONNECTED));
    }

    @Test
    void aStationThatReconnectsAfterADropResendsAndLosesNothing() throws Exception {
        start(16, 16, Duration.ofSeconds(30), false);
        ChronoFlySimulator station = station(ChronoFlySimulator.builder(uri("ws", "/chronocloud")));
        assertThat(station.awaitConnected(Duration.ofSeconds(10))).isTrue();
        for (int i = 0; i < 10; i++) {
            station.pass("7", Instant.parse("2024-05-12T12:00:00Z").plusSeconds(i));
            if (i % 3 == 0) {
                station.dropConnection();
            }
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(station.handshakes()).isGreaterThan(1);
        assertThat(sink.on(Topics.PASSINGS)).extracting(p -> ((Passing) p.event()).getSequence())
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void stationsCanConnectOverTls() throws Exception {
        start(16, 16, Duration.ofSeconds(30), true);
        X509Certificate certificate;
        try (InputStream in = getClass().getResourceAsStream("/tls/server.crt")) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        ChronoFlySimulator station = station(ChronoFlySimulator.builder(uri("wss", "/chronocloud")).trust(certificate));
        assertThat(station.awaitConnected(Duration.ofSeconds(20))).as(station.lastError()).isTrue();
        station.pass("7", Instant.parse("2024-05-12T12:00:00Z"));
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(20))).isTrue();

        assertThatThrownBy(() -> new RawWebSocket(uri("ws", "/chronocloud")).close())
                .as("plain ws:// is refused on a TLS port").isInstanceOf(Exception.class);
        assertThat(count(MetricNames.DECODE_ERRORS, "kind", "tls")).isPositive();
    }
}
