package io.pitwall.ingest.smartrace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.net.HandshakeDeadline;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.core.testing.ConsoleRun;
import io.pitwall.ingest.core.testing.LiveThreads;
import io.pitwall.ingest.core.testing.NettyLeakWatch;
import io.pitwall.ingest.core.testing.RootLogCapture;
import io.pitwall.ingest.core.testing.SocketFaults;
import io.pitwall.ingest.core.testing.SocketFaults.StormReport;
import io.pitwall.ingest.core.testing.WireWebSocket;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.ingest.smartrace.server.SmartraceMetrics;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smartrace sensors that misbehave, on real sockets against the real service and broker, with a venue token
 * configured: a connection storm (dropped at once, mid-upgrade, after the upgrade, garbage), missing and wrong
 * tokens, an upgrade stalled half-way, a slow-loris upgrade, a sensor silent after the upgrade (no FIN), a
 * sensor writing a byte at a time. Afterwards a well-behaved sensor's laps still reach Kafka, every connection
 * is freed, no thread was added, no Netty buffer leaked, and the token and the Kafka credentials appear in no
 * log line, metric, {@code --help} or configuration error.
 *
 * <p>The storm size is {@code -Dpitwall.faults.storm.connections} (default 2,000).
 */
@ExtendWith(KafkaClusterExtension.class)
class HostileSensorsIT {

    private static final Logger LOG = LoggerFactory.getLogger(HostileSensorsIT.class);
    private static final int STORM = Integer.getInteger("pitwall.faults.storm.connections", 2_000);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "Sm4rt-Venue-T0ken-5a";
    /** The server's fixed deadline for a complete WebSocket upgrade. */
    private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

    @Test
    void hostileSensorsLeaveTheServiceServingLeakFreeAndQuietAboutSecrets(KafkaCluster cluster) throws Exception {
        String venue = "it-hostile-" + UUID.randomUUID().toString().substring(0, 6);
        String path = "/venues/" + venue;
        String saslPassword = "Kafka-Sasl-Pw-60d";
        String registryPassword = "Registry-Pw-12b";
        Map<String, String> env = Map.of(
                "SMARTRACE_VENUES", venue,
                "SMARTRACE_TOKEN", TOKEN,
                "SMARTRACE_IDLE_TIMEOUT", IDLE_TIMEOUT.toMillis() + "ms",
                "SMARTRACE_PING_INTERVAL", "1s",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"pitwall\" password=\"" + saslPassword + "\";",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "pitwall:" + registryPassword);
        PitwallCluster kafka = new PitwallCluster(cluster);
        SmartraceIngest ingest = new SmartraceIngest();
        String logs;
        String metrics;
        try (RootLogCapture capture = RootLogCapture.start();
             NettyLeakWatch leaks = NettyLeakWatch.paranoid();
             RunningService running = kafka.startIngest(ingest, env)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", ingest.server().port());
            MeterRegistry meters = running.meterRegistry();
            URI sensorUri = URI.create("ws://127.0.0.1:" + ingest.server().port() + path + "?token=" + TOKEN);
            race(sensorUri, 1, 2);
            awaitPassings(kafka, venue, 2);
            SocketFaults.storm(address, 50, List.of(new byte[0]), 4);
            await().atMost(WAIT).until(() -> openConnections(meters) == 0);
            LiveThreads threadsBefore = LiveThreads.now();

            byte[] upgrade = WireWebSocket.upgradeRequest("127.0.0.1", path + "?token=" + TOKEN);
            StormReport storm = SocketFaults.storm(address, STORM, List.of(
                    new byte[0],
                    Arrays.copyOf(upgrade, upgrade.length / 2),
                    upgrade,
                    "\u0016\u0003\u0001 not a websocket, not even HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                    8);
            LOG.info("Smartrace storm: {}", storm);
            assertThat(storm.connected()).as(storm.toString()).isGreaterThanOrEqualTo(STORM * 9 / 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> openConnections(meters) == 0);

            for (String wrong : List.of(path, path + "?token=" + TOKEN.toLowerCase(), path + "?token=" + TOKEN + "x")) {
                try (WireWebSocket intruder = WireWebSocket.connect(address)) {
                    assertThat(intruder.upgrade(wrong)).as("upgrade with %s", wrong.replace(TOKEN, "<token>"))
                            .isEqualTo(401);
                }
            }
            try (Socket stalled = SocketFaults.stall(address, Arrays.copyOf(upgrade, 20))) {
                assertThat(SocketFaults.awaitClosedByServer(stalled, IDLE_TIMEOUT.multipliedBy(4)))
                        .as("upgrade stalled half-way closed by the server").isNotNull();
            }
            try (Socket loris = SocketFaults.stall(address, Arrays.copyOf(upgrade, upgrade.length - 4))) {
                // header bytes keep arriving, so the idle timeout never fires: only the upgrade deadline helps
                Duration open = SocketFaults.trickleUntilClosed(loris, (byte) 'x', Duration.ofMillis(300),
                        HANDSHAKE_DEADLINE.multipliedBy(2));
                assertThat(open).as("slow-loris upgrade closed by the server").isNotNull()
                        .isGreaterThanOrEqualTo(HANDSHAKE_DEADLINE.minusMillis(500));
            }
            try (WireWebSocket silent = WireWebSocket.connect(address)) {
                assertThat(silent.upgrade(path + "?token=" + TOKEN)).isEqualTo(101);
                long start = System.nanoTime();
                assertThat(silent.textsWithin(IDLE_TIMEOUT.multipliedBy(5))).as("nothing but pings, then closed")
                        .allSatisfy(text -> assertThat(text).doesNotContain("lap"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed by the idle timeout")
                        .isLessThan(IDLE_TIMEOUT.multipliedBy(4));
            }
            try (WireWebSocket slow = WireWebSocket.connect(address).writingSlowly(Duration.ofMillis(1))) {
                assertThat(slow.upgrade(path + "?token=" + TOKEN)).isEqualTo(101);
                long now = System.currentTimeMillis();
                slow.sendText("{\"type\":\"analog_lap\",\"data\":{\"timestamp\":" + now + ",\"controller_id\":5}}");
                slow.sendText("{\"type\":\"analog_lap\",\"data\":{\"timestamp\":" + (now + 5_000) + ",\"controller_id\":5}}");
                awaitPassings(kafka, venue, 4);
            }
            race(sensorUri, 3, 2);
            awaitPassings(kafka, venue, 6);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(openConnections(meters)).as("open connections").isZero();
                assertThat(LiveThreads.now().addedSince(threadsBefore)).as("threads added since the baseline")
                        .hasSizeLessThanOrEqualTo(5);
            });
            assertThat(meters.find(SmartraceMetrics.REJECTED).tag("reason", "bad_token").counter().count())
                    .as("missing and wrong tokens counted").isEqualTo(3.0);
            assertThat(meters.find(MetricNames.DECODE_ERRORS).tag("kind", HandshakeDeadline.KIND).counter().count())
                    .as("the slow-loris upgrade counted").isEqualTo(1.0);
            assertThat(leaks.leaks()).as("Netty buffers leaked").isEmpty();
            metrics = running.meterRegistry().scrape();
            logs = capture.text();
        }
        assertThat(logs).as("the capture saw the masked configuration").contains("<secret>");

        List<String> secretArgs = new ArrayList<>(List.of("--smartrace.venues=" + venue, "--smartrace.token=" + TOKEN,
                "--kafka.sasl.jaas.config=" + env.get("KAFKA_SASL_JAAS_CONFIG"),
                "--schema.registry.basic.auth.user.info=pitwall:" + registryPassword));
        List<String> helpArgs = new ArrayList<>(secretArgs);
        helpArgs.add("--help");
        ConsoleRun help = ConsoleRun.of(IngestService.of(new SmartraceIngest()).environment(Map.of()),
                helpArgs.toArray(String[]::new));
        List<String> badArgs = new ArrayList<>(secretArgs);
        badArgs.add("--smartrace.controllers=lots");
        ConsoleRun configError = ConsoleRun.of(IngestService.of(new SmartraceIngest()).environment(Map.of()),
                badArgs.toArray(String[]::new));
        assertThat(help.exitStatus()).isZero();
        assertThat(help.out()).contains("smartrace.token");
        assertThat(configError.exitStatus()).isEqualTo(IngestService.EXIT_CONFIG);
        assertThat(configError.err()).contains("smartrace.controllers");
        for (String secret : List.of(TOKEN, saslPassword, registryPassword)) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(help.all()).as("--help").doesNotContain(secret);
            assertThat(configError.all()).as("configuration error").doesNotContain(secret);
        }
    }

    /** A well-behaved sensor: {@code laps} crossings of one controller, 2 s apart. */
    private static void race(URI uri, int controller, int laps) throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(uri).build().start()) {
            sensor.awaitConnections(1, WAIT);
            Instant t = Instant.now();
            for (int i = 0; i < laps; i++) {
                sensor.lap(controller, t.plusSeconds(2L * i));
            }
            Thread.sleep(500);
        }
    }

    private static void awaitPassings(PitwallCluster kafka, String venue, int count) {
        assertThat(kafka.readVenue(Topics.PASSINGS, venue, Passing.class, got -> got.size() >= count, Duration.ofSeconds(60)))
                .hasSizeGreaterThanOrEqualTo(count);
    }

    private static double openConnections(MeterRegistry meters) {
        return meters.find(MetricNames.CONNECTIONS).gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
