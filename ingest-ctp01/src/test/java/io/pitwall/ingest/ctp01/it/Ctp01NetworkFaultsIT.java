package io.pitwall.ingest.ctp01.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.testing.LiveThreads;
import io.pitwall.ingest.core.testing.NettyLeakWatch;
import io.pitwall.ingest.core.testing.SocketFaults;
import io.pitwall.ingest.core.testing.SocketFaults.StormReport;
import io.pitwall.ingest.ctp01.session.SessionMetrics;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hostile or broken network does between ChronoTrack boxes and the ingest, on real sockets
 * against the real service and broker: a connection storm (connects dropped at once, mid-greeting,
 * mid-authorize, with resets and over-long lines), a client stalled half-way through its greeting, a
 * client that completes the handshake and then goes silent without closing (a box that lost power: no
 * FIN), and a client that writes a byte at a time. Afterwards the service still serves a well-behaved
 * box whose passings reach Kafka, every connection is freed, no thread was added and Netty's leak
 * detector at PARANOID found no unreleased buffer.
 *
 * <p>The storm size is {@code -Dpitwall.faults.storm.connections} (default 2,000).
 */
@ExtendWith(KafkaClusterExtension.class)
class Ctp01NetworkFaultsIT {

    private static final Logger LOG = LoggerFactory.getLogger(Ctp01NetworkFaultsIT.class);
    private static final int STORM = Integer.getInteger("pitwall.faults.storm.connections", 2_000);
    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final LocalDate EVENT_DATE = LocalDate.of(2025, 7, 26);
    private static final Instant RACE_START = Instant.parse("2025-07-26T12:00:00Z");
    private static final String USER = "timer";
    private static final String PASSWORD = "Gr33n~Fl4g!";
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void theServiceSurvivesStormsStallsSilentPeersAndSlowWritersWithoutLeaking(KafkaCluster cluster) throws Exception {
        String venue = "it-faults-" + UUID.randomUUID().toString().substring(0, 6);
        try (NettyLeakWatch leaks = NettyLeakWatch.paranoid();
             IngestUnderTest service = IngestUnderTest.start(cluster, venue, options(venue));
             TopicReader<Passing> passings = new TopicReader<>(cluster, Topics.PASSINGS.name(), Passing.class, venue);
             TopicReader<DecoderStatus> statuses = new TopicReader<>(cluster, Topics.DECODER_STATUS.name(),
                     DecoderStatus.class, venue)) {
            int port = service.port(venue);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            MeterRegistry meters = service.running.meterRegistry();

            // a well-behaved box first: it warms the service up and sets the thread baseline
            ChronoTrackBox box = ChronoTrackBox.builder(venue + "-box").zone(ZONE).eventDate(EVENT_DATE).build();
            race(box, 0, 10);
            try (ChronoTrackClient good = client(box, port)) {
                good.start();
                passings.awaitRecords(r -> r.size() >= 10, Duration.ofSeconds(60));
            }
            // connections spread over every event loop, so each has started its thread before the baseline
            SocketFaults.storm(address, 50, List.of(new byte[0]), 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> openConnections(meters) == 0);
            LiveThreads threadsBefore = LiveThreads.now();

            StormReport storm = SocketFaults.storm(address, STORM, List.of(
                    new byte[0],
                    ascii("ChronoTrack Contr"),
                    ascii(RawCtp01Client.GREETING + "\r\n"),
                    ascii(RawCtp01Client.GREETING + "\r\nauthorize~" + USER + "~0123"),
                    ascii("x".repeat(5_000))), 8);
            LOG.info("CTP01 storm: {}", storm);
            assertThat(storm.connected()).as(storm.toString()).isGreaterThanOrEqualTo(STORM * 9 / 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> openConnections(meters) == 0);

            // half a greeting, then nothing: the read-idle timeout frees it
            try (Socket stalled = SocketFaults.stall(address, ascii("ChronoTrack Contr"))) {
                assertThat(SocketFaults.awaitClosedByServer(stalled, IDLE_TIMEOUT.multipliedBy(10)))
                        .as("stalled greeting closed by the server").isNotNull();
            }
            // a greeting that never ends, a byte every 300 ms (slow loris): only the handshake deadline frees it
            try (Socket loris = SocketFaults.stall(address, ascii("ChronoTrack"))) {
                Duration open = SocketFaults.trickleUntilClosed(loris, (byte) 'z', Duration.ofMillis(300),
                        HANDSHAKE_TIMEOUT.multipliedBy(4));
                assertThat(open).as("slow-loris greeting closed by the server").isNotNull()
                        .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(500));
            }

            // a full handshake, then silence without a FIN: pinged, then declared dead after the idle timeout
            try (RawCtp01Client silent = new RawCtp01Client(port)) {
                authorize(silent);
                silent.answerUntilStart("silent-box", "finish");
                long start = System.nanoTime();
                List<String> beforeClose = silent.readUntilClosed(IDLE_TIMEOUT.multipliedBy(10));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(300));
                assertThat(beforeClose).as("the server pinged the silent box before giving up").contains("ping");
            }
            statuses.awaitRecords(r -> r.stream().anyMatch(s -> s.getKind() == DecoderStatusKind.HEARTBEAT_LOST),
                    Duration.ofSeconds(30));

            // a byte at a time through the handshake and a tag line: framing copes, the passing arrives
            try (RawCtp01Client slow = new RawCtp01Client(port).writingSlowly(Duration.ofMillis(2))) {
                authorize(slow);
                slow.answerUntilStart("slow-box", "finish");
                slow.send("CT01_33~1~finish~SLOW1~12:30:00.25~0~0F2A38~1");
                passings.awaitRecords(r -> r.stream().anyMatch(p -> p.getTransponder().equals("SLOW1")),
                        Duration.ofSeconds(30));
            }

            // and the service still serves a well-behaved box
            race(box, 10, 20);
            try (ChronoTrackClient good = client(box, port)) {
                good.start();
                passings.awaitRecords(r -> r.stream().filter(p -> !p.getTransponder().equals("SLOW1")).count() >= 20,
                        Duration.ofSeconds(60));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(openConnections(meters)).as("connection gauge").isZero();
                // a thread per connection would add thousands; a few pool workers of the clients come and go
                assertThat(LiveThreads.now().addedSince(threadsBefore)).as("threads added since the baseline")
                        .hasSizeLessThanOrEqualTo(5);
            });
            assertThat(counter(meters, SessionMetrics.HANDSHAKE_FAILURES, "reason", SessionMetrics.TIMEOUT))
                    .as("the slow-loris greeting counted as a handshake timeout").isGreaterThanOrEqualTo(1);
            assertThat(counter(meters, MetricNames.DECODE_ERRORS, "kind", "line_too_long"))
                    .as("storm connections with over-long lines counted").isGreaterThanOrEqualTo(storm.connected() / 5 / 2);
            assertThat(counter(meters, MetricNames.DECODE_ERRORS, "kind", "truncated_line"))
                    .as("storm connections dropped mid-line counted").isGreaterThanOrEqualTo(storm.connected() / 5 / 2);
            assertThat(leaks.leaks()).as("Netty buffers leaked").isEmpty();
        }
    }

    private static String[] options(String venue) {
        String p = "--ctp01.venue." + venue + ".";
        return new String[] {
            "--ctp01.venues=" + venue,
            "--ctp01.handshake.timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms",
            "--ctp01.ping.interval=200ms",
            "--ctp01.idle.timeout=" + IDLE_TIMEOUT.toMillis() + "ms",
            p + "password." + USER + "=" + PASSWORD,
            p + "authentication=hmac-sha1",
            p + "time-format=normal",
            p + "time-zone=" + ZONE.getId(),
            p + "event-date=" + EVENT_DATE,
            p + "lines=finish:FINISH"};
    }

    private static void authorize(RawCtp01Client client) throws Exception {
        String seed = RawCtp01Client.seedOf(client.greet());
        client.send("authorize~" + USER + "~" + RawCtp01Client.hmacSha1(PASSWORD, seed));
        assertThat(client.readLine()).isEqualTo("ack~authorize");
    }

    private static ChronoTrackClient client(ChronoTrackBox box, int port) {
        return new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", port).withCredentials(USER, PASSWORD)
                .withReconnectDelay(Duration.ofMillis(100)));
    }

    private static void race(ChronoTrackBox box, int from, int to) {
        for (int i = from; i < to; i++) {
            box.observe("finish", Integer.toString(100 + i % 10), RACE_START.plusMillis(i * 3_017L), null, 1, i / 10);
        }
    }

    private static double openConnections(MeterRegistry meters) {
        return meters.find(MetricNames.CONNECTIONS).gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private static double counter(MeterRegistry meters, String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
