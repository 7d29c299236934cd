package io.pitwall.ingest.lapsnapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.testing.LiveThreads;
import io.pitwall.ingest.core.testing.NettyLeakWatch;
import io.pitwall.ingest.lapsnapper.it.FaultyLapSnapperServer.Behaviour;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LapSnapper is a TCP server and the ingest its client, so the network faults are the server's: one that
 * accepts and never answers, one that sends half a frame and stalls, one that resets every connection. The
 * ingest must give up on each within its handshake timeout, retry with a growing backoff (never a hot loop),
 * report it, keep serving a healthy LapSnapper next to them, recover as soon as a working server appears on
 * the resetting address, and leak neither connections, threads nor Netty buffers.
 */
@ExtendWith(KafkaClusterExtension.class)
class HardwareFaultsIT extends LapSnapperItSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HardwareFaultsIT.class);

    /** IngestUnderTest's settings: what the assertions on timing are derived from. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);

    @Test
    void stallingHalfFrameAndResettingServersAreRetriedWithBackoffWhileAHealthyOneDelivers() throws Exception {
        String good = venue("healthy");
        String silent = venue("silent");
        String half = venue("halfframe");
        String reset = venue("reset");
        try (NettyLeakWatch leaks = NettyLeakWatch.paranoid();
             FaultyLapSnapperServer silentServer = new FaultyLapSnapperServer(Behaviour.SILENT);
             FaultyLapSnapperServer halfServer = new FaultyLapSnapperServer(Behaviour.HALF_FRAME);
             FaultyLapSnapperServer resetServer = new FaultyLapSnapperServer(Behaviour.RESET)) {
            LapSnapperSimulator healthy = simulator(LapSnapperSimulatorConfig.defaults());
            EventCollector<Passing> goodPassings = passings(good);
            EventCollector<Passing> recoveredPassings = passings(reset);
            EventCollector<DecoderStatus> halfStatuses = statuses(half);
            int resetPort = resetServer.port();
            long faultStart = System.nanoTime();
            ingest("--lapsnapper.servers=" + good + "@127.0.0.1:" + healthy.port()
                    + "," + silent + "@127.0.0.1:" + silentServer.port()
                    + "," + half + "@127.0.0.1:" + halfServer.port()
                    + "," + reset + "@127.0.0.1:" + resetPort,
                    "--lapsnapper.commands.enabled=false");
            await().atMost(WAIT).until(() -> healthy.handshakenClients() == 1);
            publishLaps(healthy, 0, 5);
            await().atMost(WAIT).untilAsserted(() -> assertThat(goodPassings.values()).hasSize(5));
            LiveThreads threadsBefore = LiveThreads.now();

            await().atMost(WAIT).until(() -> silentServer.closedByIngest() >= 2 && halfServer.closedByIngest() >= 2);
            publishLaps(healthy, 5, 5);
            await().atMost(WAIT).untilAsserted(() -> assertThat(goodPassings.values())
                    .as("the healthy LapSnapper keeps delivering next to the faulty ones").hasSize(10));

            // each stalled handshake is given up after the timeout, not earlier and not never
            assertGaps(silentServer.acceptedAtNanos(), HANDSHAKE_TIMEOUT);
            assertGaps(halfServer.acceptedAtNanos(), HANDSHAKE_TIMEOUT);
            // a server that resets at once is retried with backoff: a hot loop would make thousands of attempts
            int resetAttempts = resetServer.accepted();
            double faultSeconds = (System.nanoTime() - faultStart) / 1e9;
            LOG.info("LapSnapper faults: {} connects to the resetting server in {} s; {} and {} stalled handshakes given up",
                    resetAttempts, String.format("%.1f", faultSeconds), silentServer.closedByIngest(),
                    halfServer.closedByIngest());
            assertThat(resetAttempts).as("attempts on the resetting server in %.1f s", faultSeconds)
                    .isGreaterThanOrEqualTo(3)
                    .isLessThanOrEqualTo((int) (faultSeconds / BACKOFF_INITIAL.toMillis() * 1000 / 2) + 5);
            // readiness stays up while one decoder delivers, and names how many are missing
            assertThat(ingest.hardware().detail()).contains("1/4 LapSnapper servers connected");
            await().atMost(WAIT).untilAsserted(() -> assertThat(halfStatuses.values())
                    .extracting(DecoderStatus::getKind).contains(DecoderStatusKind.HANDSHAKE_FAILED));

            // a working LapSnapper comes up where the resetting one was: the ingest reconnects and delivers
            resetServer.close();
            LapSnapperSimulator recovered = simulator(LapSnapperSimulatorConfig.defaults().withPort(resetPort));
            await().atMost(WAIT).until(() -> recovered.handshakenClients() == 1);
            publishLaps(recovered, 0, 3);
            await().atMost(WAIT).untilAsserted(() -> assertThat(recoveredPassings.values()).hasSize(3));
            assertThat(ingest.metric(MetricNames.RECONNECTS, "venue", reset)).isGreaterThanOrEqualTo(1);

            // the stalling servers go away: nothing of theirs stays open in the ingest
            silentServer.close();
            halfServer.close();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ingest.gaugeSum(MetricNames.CONNECTIONS)).as("open hardware connections").isEqualTo(2.0);
                assertThat(LiveThreads.now().addedSince(threadsBefore)).as("threads added during the faults")
                        .hasSizeLessThanOrEqualTo(5);
            });
            assertThat(leaks.leaks()).as("Netty buffers leaked").isEmpty();
        }
    }

    /** Consecutive connects to a stalling server are at least the handshake timeout apart. */
    private static void assertGaps(List<Long> acceptedAtNanos, Duration handshakeTimeout) {
        for (int i = 1; i < acceptedAtNanos.size(); i++) {
            Duration gap = Duration.ofNanos(acceptedAtNanos.get(i) - acceptedAtNanos.get(i - 1));
            assertThat(gap).as("gap before connect %d", i).isGreaterThanOrEqualTo(handshakeTimeout.minusMillis(100));
        }
    }
}
