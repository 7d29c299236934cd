package io.pitwall.ingest.chronocloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.ChronoCloudIngest;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.core.testing.ConsoleRun;
import io.pitwall.ingest.core.testing.LiveThreads;
import io.pitwall.ingest.core.testing.NettyLeakWatch;
import io.pitwall.ingest.core.testing.RootLogCapture;
import io.pitwall.ingest.core.testing.SocketFaults;
import io.pitwall.ingest.core.testing.SocketFaults.StormReport;
import io.pitwall.ingest.core.testing.WireWebSocket;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.chronocloud.PduSigner;
import io.pitwall.simulator.chronocloud.SignatureEncoding;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChronoFly stations that misbehave, on real sockets against the real service and broker, written frame by
 * frame: connection storms (dropped at once, mid-upgrade, after the upgrade, garbage), an upgrade stalled
 * half-way, a slow-loris upgrade, a station silent after the upgrade (no FIN), a station writing a byte at a
 * time; and PDUs altered after signing or carrying the placeholder signature while the station has a key.
 * Afterwards the service still confirms and publishes, frees every connection, adds no threads and leaks no
 * Netty buffer; no configured secret appears in logs, metrics, {@code --help} or configuration errors.
 *
 * <p>The storm size is {@code -Dpitwall.faults.storm.connections} (default 2,000).
 */
@ExtendWith(KafkaClusterExtension.class)
class HostileStationsIT {

    private static final Logger LOG = LoggerFactory.getLogger(HostileStationsIT.class);
    private static final int STORM = Integer.getInteger("pitwall.faults.storm.connections", 2_000);
    private static final String PATH = "/chronocloud";
    /** Short, for the silent station; long enough for a confirmation from a broker slowed by a loaded machine. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Longer than the idle timeout, so that a connection that stops sending half-way through its upgrade is always
     * closed by the idle timer, and only the slow loris (whose bytes keep the idle timer reset) by this deadline:
     * with the two equal, which of them closed the stalled connection was a race, and so was the count asserted.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path keys;

    @Test
    void stormsStallsSilentAndSlowStationsLeaveTheServiceServingAndLeakFree(KafkaCluster cluster) throws Exception {
        String venue = "it-hostile-" + UUID.randomUUID().toString().substring(0, 6);
        String station = venue + "-station";
        try (NettyLeakWatch leaks = NettyLeakWatch.paranoid()) {
            ChronoCloudIngest ingest = new ChronoCloudIngest();
            RunningService service = start(cluster, ingest, venue, List.of("--chronocloud.stations=" + station + "=" + venue,
                    "--chronocloud.idle.timeout=" + IDLE_TIMEOUT.toMillis() + "ms"));
            try (service) {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", ingest.port());
                MeterRegistry meters = service.meterRegistry();
                deliver(address, station, 1, "1");
                assertThat(passings(cluster, venue, 1)).extracting(Passing::getTransponder).containsExactly("1");
                SocketFaults.storm(address, 50, List.of(new byte[0]), 4);
                await().atMost(WAIT).until(() -> openConnections(meters) == 0);
                LiveThreads threadsBefore = LiveThreads.now();

                byte[] upgrade = WireWebSocket.upgradeRequest("127.0.0.1", PATH);
                StormReport storm = SocketFaults.storm(address, STORM, List.of(
                        new byte[0],
                        Arrays.copyOf(upgrade, upgrade.length / 2),
                        upgrade,
                        "\u0016\u0003\u0001 not a websocket, not even HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                        8);
                LOG.info("ChronoCloud storm: {}", storm);
                assertThat(storm.connected()).as(storm.toString()).isGreaterThanOrEqualTo(STORM * 9 / 10);
                await().atMost(Duration.ofSeconds(60)).until(() -> openConnections(meters) == 0);

                try (Socket stalled = SocketFaults.stall(address, Arrays.copyOf(upgrade, 20))) {
                    assertThat(SocketFaults.awaitClosedByServer(stalled, HANDSHAKE_TIMEOUT.multipliedBy(4)))
                            .as("upgrade stalled half-way closed by the server").isNotNull();
                }
                try (Socket loris = SocketFaults.stall(address, Arrays.copyOf(upgrade, upgrade.length - 4))) {
                    // header lines that never end the request: reads keep arriving, only the handshake deadline helps
                    Duration open = SocketFaults.trickleUntilClosed(loris, (byte) 'x', Duration.ofMillis(300),
                            HANDSHAKE_TIMEOUT.multipliedBy(4));
                    assertThat(open).as("slow-loris upgrade closed by the server").isNotNull()
                            .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(500));
                }
                try (WireWebSocket silent = WireWebSocket.connect(address)) {
                    assertThat(silent.upgrade(PATH)).isEqualTo(101);
                    silent.sendText(pdu(station, connectedData(0), PduSigner.PLACEHOLDER));
                    assertThat(silent.nextText(WAIT)).isEqualTo("bumb-0");
                    long start = System.nanoTime();
                    assertThat(silent.nextText(IDLE_TIMEOUT.multipliedBy(5))).as("closed by the idle timeout").isNull();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(300));
                }
                try (WireWebSocket slow = WireWebSocket.connect(address).writingSlowly(Duration.ofMillis(1))) {
                    assertThat(slow.upgrade(PATH)).isEqualTo(101);
                    slow.sendText(pdu(station, connectedData(0), PduSigner.PLACEHOLDER));
                    slow.sendText(pdu(station, passingData(2, "SLOW"), PduSigner.PLACEHOLDER));
                    assertThat(List.of(slow.nextText(WAIT), slow.nextText(WAIT))).containsExactlyInAnyOrder("bumb-0", "bumb-2");
                }
                deliver(address, station, 3, "2");
                assertThat(passings(cluster, venue, 3)).extracting(Passing::getTransponder)
                        .containsExactlyInAnyOrder("1", "SLOW", "2");

                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(openConnections(meters)).as("open connections").isZero();
                    assertThat(LiveThreads.now().addedSince(threadsBefore)).as("threads added since the baseline")
                            .hasSizeLessThanOrEqualTo(5);
                });
                assertThat(counter(meters, MetricNames.DECODE_ERRORS, "handshake_timeout"))
                        .as("the slow-loris upgrade counted").isEqualTo(1.0);
                assertThat(leaks.leaks()).as("Netty buffers leaked").isEmpty();
            }
        }
    }

    @Test
    void pdusAlteredAfterSigningAreRefusedAndNoSecretIsLogged(KafkaCluster cluster) throws Exception {
        String venue = "it-signed-" + UUID.randomUUID().toString().substring(0, 6);
        String station = venue + "-station";
        KeyPair key = rsa();
        Files.writeString(keys.resolve(station + ".pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        PduSigner signer = PduSigner.rsa(key.getPrivate(), SignatureEncoding.BASE64);
        String saslPassword = "Kafka-Sasl-Pw-44a";
        String keyPassword = "Tls-Key-Pw-19e";
        String registryPassword = "Registry-Pw-83c";
        List<String> options = new ArrayList<>(List.of("--chronocloud.stations=" + station + "=" + venue,
                "--chronocloud.keys.dir=" + keys,
                "--kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"pitwall\" password=\"" + saslPassword + "\";",
                "--kafka.ssl.key.password=" + keyPassword,
                "--schema.registry.basic.auth.user.info=pitwall:" + registryPassword));

        String logs;
        String metrics;
        try (RootLogCapture capture = RootLogCapture.start()) {
            ChronoCloudIngest ingest = new ChronoCloudIngest();
            RunningService service = start(cluster, ingest, venue, options);
            try (service; WireWebSocket ws = WireWebSocket.connect(new InetSocketAddress("127.0.0.1", ingest.port()))) {
                assertThat(ws.upgrade(PATH)).isEqualTo(101);
                ws.sendText(pdu(station, connectedData(0), signer.sign(connectedData(0))));
                String genuine = passingData(1, "77");
                String altered = genuine.replace("\"transponder\":\"77\"", "\"transponder\":\"78\"");
                ws.sendText(pdu(station, altered, signer.sign(genuine)));
                ws.sendText(pdu(station, passingData(2, "79"), PduSigner.PLACEHOLDER));
                ws.sendText(pdu(station, passingData(3, "80"), signer.sign(passingData(3, "80"))));
                assertThat(ws.textsWithin(Duration.ofSeconds(5))).as("only the correctly signed PDUs are confirmed")
                        .containsExactlyInAnyOrder("bumb-0", "bumb-3");
                assertThat(passings(cluster, venue, 1)).extracting(Passing::getTransponder).containsExactly("80");
                assertThat(service.meterRegistry().find(ChronoCloudMetrics.SIGNATURES).tags("venue", venue,
                        "result", "rejected").counter().count()).isEqualTo(2.0);
                metrics = service.meterRegistry().scrape();
            }
            logs = capture.text();
        }
        assertThat(logs).as("the capture saw the masked configuration and the rejections")
                .contains("<secret>", "PDU rejected");

        List<String> helpArgs = new ArrayList<>(options);
        helpArgs.add("--help");
        ConsoleRun help = ConsoleRun.of(IngestService.of(new ChronoCloudIngest()).environment(Map.of()),
                helpArgs.toArray(String[]::new));
        List<String> badArgs = new ArrayList<>(options);
        badArgs.add("--chronocloud.tls.private-key.password=" + keyPassword);
        badArgs.add("--chronocloud.max.connections=none");
        ConsoleRun configError = ConsoleRun.of(IngestService.of(new ChronoCloudIngest()).environment(Map.of()),
                badArgs.toArray(String[]::new));
        assertThat(help.exitStatus()).isZero();
        assertThat(help.out()).contains("chronocloud.keys.dir");
        assertThat(configError.exitStatus()).isEqualTo(IngestService.EXIT_CONFIG);
        assertThat(configError.err()).contains("chronocloud.max.connections");
        for (String secret : List.of(saslPassword, keyPassword, registryPassword)) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(help.all()).as("--help").doesNotContain(secret);
            assertThat(configError.all()).as("configuration error").doesNotContain(secret);
        }
    }

    private static RunningService start(KafkaCluster cluster, ChronoCloudIngest ingest, String serviceId,
                                        List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers=" + cluster.bootstrapServers(),
                "--schema.registry.url=" + cluster.schemaRegistryUrl(),
                "--service.id=" + serviceId,
                "--http.port=0",
                "--http.bind.address=127.0.0.1",
                "--chronocloud.port=0",
                "--chronocloud.bind.address=127.0.0.1",
                "--chronocloud.path=" + PATH,
                "--chronocloud.handshake.timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms"));
        args.addAll(extra);
        IngestService service = IngestService.of(ingest).environment(Map.of());
        return service.start(service.configure(args.toArray(String[]::new)));
    }

    /** A well-behaved station: upgrade, connected, one passing, both confirmed. */
    private static void deliver(InetSocketAddress address, String station, long id, String transponder) throws Exception {
        try (WireWebSocket ws = WireWebSocket.connect(address)) {
            assertThat(ws.upgrade(PATH)).isEqualTo(101);
            ws.sendText(pdu(station, connectedData(0), PduSigner.PLACEHOLDER));
            ws.sendText(pdu(station, passingData(id, transponder), PduSigner.PLACEHOLDER));
            assertThat(List.of(ws.nextText(WAIT), ws.nextText(WAIT))).containsExactlyInAnyOrder("bumb-0", "bumb-" + id);
        }
    }

    private static String pdu(String station, String dataJson, String signature) {
        return "{\"station\":\"" + station + "\",\"competition\":\"c1\",\"signature\":\"" + signature
                + "\",\"sent\":\"2024-05-12T11:00:00.000+00:00\",\"data\":" + dataJson + "}";
    }

    private static String connectedData(long id) {
        return "{\"event\":\"connected\",\"id\":\"" + id + "\",\"version\":\"1.2.30\"}";
    }

    private static String passingData(long id, String transponder) {
        return "{\"event\":\"passing\",\"id\":\"" + id + "\",\"type\":\"Track-Finish\",\"round\":\"Race\","
                + "\"time\":\"2024-05-12T11:00:" + String.format("%02d", id % 60) + ".000+00:00\","
                + "\"transponder\":\"" + transponder + "\",\"hits\":\"3\",\"lap\":\"1\"}";
    }

    private static List<Passing> passings(KafkaCluster cluster, String venue, int expected) {
        return TopicReader.read(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), Topics.PASSINGS.name(),
                Topics.PASSINGS.partitions(), Passing.class, venue, got -> got.size() >= expected, Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    private static double openConnections(MeterRegistry meters) {
        return meters.find(MetricNames.CONNECTIONS).gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private static double counter(MeterRegistry meters, String name, String kind) {
        return meters.find(name).tag("kind", kind).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
