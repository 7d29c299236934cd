package io.pitwall.simulator.lapsnapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each runtime fault as a client over a real socket experiences it. */
class SimulatorFaultsTest {

    private LapSnapperSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0)
                .withHeartbeatInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** A client that has read 6001 and therefore receives every event published from now on. */
    private RawClient handshaken() throws Exception {
        RawClient client = new RawClient(simulator.port());
        assertThat(client.handshake().id()).isEqualTo(6001);
        return client;
    }

    private static List<Long> readTimeStampIds(RawClient client, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < count) {
            RawClient.Frame frame = client.readSkippingHeartbeats();
            assertThat(frame.id()).isEqualTo(6110);
            ids.add(frame.json().path("absoluteTime").path("timeStampID").asLong());
        }
        return ids;
    }

    @Test
    void anOutOfOrderBurstHoldsEventsAndReleasesThemShuffled() throws Exception {
        try (RawClient client = handshaken()) {
            simulator.faults().outOfOrderBurst(20);
            for (int i = 0; i < 19; i++) {
                simulator.publish(10_000 + i, 1, null, 1_000L * i, 1);
            }
            assertThat(simulator.sentEvents()).as("held back").isEmpty();

            simulator.publish(10_019, 1, null, 19_000L, 1);
            List<Long> ids = readTimeStampIds(client, 20);

            assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(ids).as("shuffled (1 in 20! to be sorted by chance)").isNotEqualTo(
                    LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(simulator.sentEvents()).extracting(SentTimeEvent::timeStampId).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void heldEventsCanBeReleasedEarly() throws Exception {
        try (RawClient client = handshaken()) {
            simulator.faults().outOfOrderBurst(10);
            simulator.publish(1, 1, null, 1, 1);
            simulator.publish(2, 1, null, 2, 1);
            simulator.faults().outOfOrderBurst(0);
            simulator.releaseHeldEvents();

            assertThat(readTimeStampIds(client, 2)).containsExactlyInAnyOrder(1L, 2L);
        }
    }

    @Test
    void aReconnectingClientGetsTheLastEventsAgain() throws Exception {
        try (RawClient first = handshaken()) {
            for (int i = 1; i <= 5; i++) {
                simulator.publish(10_000 + i, 1, null, i, 1);
            }
            assertThat(readTimeStampIds(first, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        simulator.faults().resendOnReconnect(3);
        try (RawClient again = handshaken()) {
            assertThat(readTimeStampIds(again, 3)).containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void stalledHeartbeatsLeaveTheConnectionSilentUntilResumed() throws Exception {
        try (RawClient client = handshaken()) {
            assertThat(client.read().id()).isEqualTo(6003);
            simulator.faults().stallHeartbeats(true);
            drainFor(client, 120);

            assertThat(client.silentFor(400)).isTrue();
            simulator.faults().stallHeartbeats(false);
            assertThat(client.read().id()).isEqualTo(6003);
        }
    }

    @Test
    void disconnectAllClientsDropsEveryConnection() throws Exception {
        try (RawClient a = handshaken(); RawClient b = new RawClient(simulator.port())) {
            Eventually.until(() -> simulator.connectedClients() == 2);
            simulator.disconnectAllClients();

            assertThat(a.closedByServer()).isTrue();
            assertThat(b.closedByServer()).isTrue();
            Eventually.until(() -> simulator.connectedClients() == 0);
        }
        try (RawClient back = handshaken()) {
            Eventually.until(() -> simulator.handshakenClients() == 1); // the server itself keeps running
        }
    }

    @Test
    void splitAndCoalescedWritesStillCarryExactFrames() throws Exception {
        try (RawClient client = handshaken()) {
            simulator.faults().splitWrites(true);
            simulator.publish(1, 1, "Split", 1, 1);
            assertThat(readTimeStampIds(client, 1)).containsExactly(1L);

            simulator.faults().splitWrites(false).coalesceFrames(3);
            simulator.publish(2, 1, "A", 2, 1);
            simulator.publish(3, 1, "B", 3, 1);
            simulator.publish(4, 1, "C", 4, 1);
            simulator.publish(5, 1, "D", 5, 1); // left over: goes after the linger time
            assertThat(readTimeStampIds(client, 4)).containsExactly(2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aGarbageFrameHasAValidHeaderAndANonJsonPayload() throws Exception {
        try (RawClient client = handshaken()) {
            simulator.injectGarbageFrame();
            simulator.publish(7, 1, null, 7, 1);

            RawClient.Frame garbage = client.readSkippingHeartbeats();
            assertThat(garbage.id()).isEqualTo(6110);
            assertThat(garbage.json()).isNull();
            assertThat(readTimeStampIds(client, 1)).as("the stream goes on").containsExactly(1L);
        }
    }

    @Test
    void anUnknownMessageIdIsWellFormedJson() throws Exception {
        try (RawClient client = handshaken()) {
            simulator.injectUnknownMessage();

            RawClient.Frame unknown = client.readSkippingHeartbeats();
            assertThat(unknown.id()).isEqualTo(6999);
            assertThat(unknown.json().path("messageHeader").path("messageID").asInt()).isEqualTo(6999);
        }
    }

    private static void drainFor(RawClient client, int millis) throws Exception {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until && !client.silentFor(20)) {
            client.read();
        }
    }
}
