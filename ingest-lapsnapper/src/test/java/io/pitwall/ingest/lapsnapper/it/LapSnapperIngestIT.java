package io.pitwall.ingest.lapsnapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.lapsnapper.LapSnapperMetrics;
import io.pitwall.ingest.lapsnapper.client.DecoderConnection;
import io.pitwall.ingest.lapsnapper.commands.Commands;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.CommandOutcome;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig.WrongPasswordBehaviour;
import io.pitwall.simulator.lapsnapper.ReceivedCommand;
import io.pitwall.simulator.lapsnapper.SentTimeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service end to end: the LapSnapper simulator as the hardware, a real broker and schema registry, the
 * ingest started in-process exactly as the launcher starts it. Every test uses its own venue ids, so they share
 * the topics and the cluster.
 */
@ExtendWith(KafkaClusterExtension.class)
class LapSnapperIngestIT extends LapSnapperItSupport {

    @Test
    void aSessionsPassingsAllArriveInTimingPassingsWithTheRightFields() throws Exception {
        String venue = venue("session");
        LapSnapperSimulator simulator = simulator(LapSnapperSimulatorConfig.defaults());
        EventCollector<Passing> passings = passings(venue);
        EventCollector<DecoderStatus> statuses = statuses(venue);
        ingest("--lapsnapper.servers=" + venue + "@127.0.0.1:" + simulator.port(),
                "--lapsnapper.commands.enabled=false");
        await().atMost(WAIT).until(() -> simulator.handshakenClients() == 1);

        // 4 cars, 3 laps, one sector line half way; car 4 wears instance 2 and has no name. The second lap's
        // crossings come as a decoder backlog would: held back and sent shuffled.
        for (int lap = 0; lap < 3; lap++) {
            simulator.faults().outOfOrderBurst(lap == 1 ? 8 : 0);
            for (int line : new int[] {1, 0}) {
                for (int car = 0; car < 4; car++) {
                    long time = T0 + lap * 60_000L + (line == 0 ? 30_000 : 0) + car * 2_000L;
                    simulator.publish(10_001 + car, car == 3 ? 2 : 1, car == 3 ? null : "Car " + (car + 1), time, line);
                }
            }
            simulator.releaseHeldEvents();
            if (lap == 0) {
                // a confused server: both frames are counted as decode errors and the connection goes on
                simulator.injectGarbageFrame();
                simulator.injectUnknownMessage();
            }
        }
        simulator.publishStartMaticStatus(1, 60, 1);

        List<SentTimeEvent> sent = simulator.sentEvents();
        assertThat(sent).hasSize(24);
        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values()).hasSize(24));

        Map<Long, SentTimeEvent> byId = sent.stream().collect(Collectors.toMap(SentTimeEvent::timeStampId,
                Function.identity()));
        List<Passing> received = passings.values();
        assertThat(received).extracting(Passing::getSequence).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(byId.keySet());
        assertThat(received).extracting(Passing::getStreamEpoch).containsOnly(received.get(0).getStreamEpoch());
        for (Passing p : received) {
            SentTimeEvent e = byId.get(p.getSequence());
            assertThat(p.getVenueId()).isEqualTo(venue);
            assertThat(p.getSource()).isEqualTo(Source.LAPSNAPPER);
            assertThat(p.getStreamId()).isEqualTo(venue + "/decoder-10022");
            assertThat(p.getTransponder()).isEqualTo(e.transponderInstance() == 1 ? "" + e.transponderId()
                    : e.transponderId() + "-" + e.transponderInstance());
            assertThat(p.getName()).isEqualTo(e.transponderName());
            assertThat(p.getPassingTime()).isEqualTo(Instant.ofEpochMilli(e.absoluteTime()));
            assertThat(p.getLine()).isEqualTo(e.lapLine() == 1 ? LineKind.FINISH : LineKind.SECTOR);
            assertThat(p.getLineIndex()).isNull();
            assertThat(p.getAttributes()).containsEntry("lapLine", Integer.toString(e.lapLine()));
            assertThat(p.getReceivedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        }
        // published as received: the ingest does not reorder, it counts
        assertThat(received).extracting(Passing::getSequence)
                .containsExactlyElementsOf(sent.stream().map(SentTimeEvent::timeStampId).toList());
        assertThat(ingest.metric(LapSnapperMetrics.TIME_EVENTS, "venue", venue, "verdict", "out_of_order"))
                .isEqualTo(outOfOrder(sent));
        assertThat(ingest.metric("pitwall.ingest.decode.errors", "venue", venue, "kind", "malformed_json"))
                .isEqualTo(1);
        assertThat(ingest.metric("pitwall.ingest.decode.errors", "venue", venue, "kind", "unknown_message_id"))
                .isEqualTo(1);
        assertThat(simulator.handshakenClients()).as("still the first connection").isEqualTo(1);
        assertThat(handshakes(simulator, CommandOutcome.ACCEPTED)).isEqualTo(1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.values()).extracting(DecoderStatus::getKind)
                .contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.CLOCK_OFFSET,
                        DecoderStatusKind.STARTMATIC_STATUS));
        DecoderStatus connected = first(statuses, DecoderStatusKind.CONNECTED);
        assertThat(connected.getSystemState()).isEqualTo(0);
        assertThat(connected.getStreamId()).isEqualTo(venue + "/decoder-10022");
        assertThat(connected.getAttributes()).containsEntry("deviceId", "10022").containsEntry("versionNumber", "510");
        assertThat(first(statuses, DecoderStatusKind.CLOCK_OFFSET).getClockOffsetMillis()).isNotNull();
        assertThat(first(statuses, DecoderStatusKind.STARTMATIC_STATUS).getAttributes())
                .containsEntry("startMaticStatus", "1").containsEntry("startMaticData", "60");
    }

    @Test
    void aHeartbeatStallCausesAReconnectAndTheFlowResumesInTheSameEpoch() throws Exception {
        String venue = venue("stall");
        LapSnapperSimulator simulator = simulator(LapSnapperSimulatorConfig.defaults());
        simulator.faults().resendOnReconnect(3);
        EventCollector<Passing> passings = passings(venue);
        EventCollector<DecoderStatus> statuses = statuses(venue);
        ingest("--lapsnapper.servers=" + venue + "@127.0.0.1:" + simulator.port(),
                "--lapsnapper.commands.enabled=false");
        await().atMost(WAIT).until(() -> simulator.handshakenClients() == 1);
        publishLaps(simulator, 0, 5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values()).hasSize(5));

        simulator.faults().stallHeartbeats(true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.values()).extracting(DecoderStatus::getKind)
                .contains(DecoderStatusKind.HEARTBEAT_LOST, DecoderStatusKind.DISCONNECTED));
        simulator.faults().stallHeartbeats(false);
        await().atMost(WAIT).until(() -> handshakes(simulator, CommandOutcome.ACCEPTED) >= 2
                && ingest.connections().get(0).isReady() && simulator.handshakenClients() == 1);
        publishLaps(simulator, 5, 5);

        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values().stream()
                .map(Passing::getSequence).distinct()).hasSize(10));
        List<Passing> received = passings.values();
        assertThat(received.size()).as("re-sent events are published as received").isGreaterThanOrEqualTo(13);
        assertThat(received).extracting(Passing::getStreamEpoch).containsOnly(received.get(0).getStreamEpoch());
        assertThat(ingest.metric(LapSnapperMetrics.TIME_EVENTS, "venue", venue, "verdict", "resent"))
                .isEqualTo(received.size() - 10);
        assertThat(ingest.metric("pitwall.ingest.reconnects", "venue", venue)).isGreaterThanOrEqualTo(1);
        assertThat(first(statuses, DecoderStatusKind.HEARTBEAT_LOST).getMessage()).contains("no heartbeat for");
    }

    @Test
    void aWrongPasswordIsReportedAndRetriedWithGrowingBackoff() throws Exception {
        String refusing = venue("refusing");
        String hangingUp = venue("hangup");
        LapSnapperSimulator replies = simulator(LapSnapperSimulatorConfig.defaults().withPassword(List.of(9, 9, 9, 9)));
        LapSnapperSimulator disconnects = simulator(LapSnapperSimulatorConfig.defaults()
                .withPassword(List.of(9, 9, 9, 9)).withWrongPassword(WrongPasswordBehaviour.DISCONNECT));
        EventCollector<DecoderStatus> refusingStatuses = statuses(refusing);
        EventCollector<DecoderStatus> hangingUpStatuses = statuses(hangingUp);
        ingest("--lapsnapper.servers=" + refusing + "@127.0.0.1:" + replies.port() + "," + hangingUp + "@127.0.0.1:"
                + disconnects.port(), "--lapsnapper.commands.enabled=false");

        await().atMost(WAIT).until(() -> handshakes(replies, CommandOutcome.WRONG_PASSWORD) >= 3
                && handshakes(disconnects, CommandOutcome.WRONG_PASSWORD) >= 3);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(refusingStatuses.values()).filteredOn(s -> s.getKind() == DecoderStatusKind.HANDSHAKE_FAILED)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(s -> assertThat(s.getMessage()).contains("refused the handshake", "6002"));
            assertThat(hangingUpStatuses.values()).filteredOn(s -> s.getKind() == DecoderStatusKind.HANDSHAKE_FAILED)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(s -> assertThat(s.getMessage()).contains("during the handshake", "wrong password?"));
        });
        for (DecoderConnection connection : ingest.connections()) {
            // a TCP connect succeeded every time: the backoff still grew, only a handshake resets it
            assertThat(connection.consecutiveFailures()).as(connection.server().name()).isGreaterThanOrEqualTo(3);
            assertThat(connection.isReady()).isFalse();
        }
        assertThat(ingest.hardware().up()).isFalse();
        assertThat(ingest.hardware().detail()).contains("0/2 LapSnapper servers connected", "handshake failed");
        assertThat(refusingStatuses.values()).noneMatch(s -> s.getKind() == DecoderStatusKind.CONNECTED);
    }

    @Test
    void aStartSessionCommandReachesTheDecoderWithTheRightBytesOnce() throws Exception {
        String venue = venue("remote");
        LapSnapperSimulator simulator = simulator(LapSnapperSimulatorConfig.defaults());
        EventCollector<DecoderStatus> statuses = statuses(venue);
        ingest("--lapsnapper.servers=" + venue + "@127.0.0.1:" + simulator.port());
        await().atMost(WAIT).until(() -> simulator.handshakenClients() == 1);

        DecoderCommand start = Commands.traceStartSession(venue, "start-" + UUID.randomUUID(), Instant.now());
        try (KafkaProducer<String, DecoderCommand> producer = commandProducer()) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), venue, start)).get();
            producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), venue, start)).get(); // race control retried
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.values())
                .extracting(s -> s.getAttributes().get("result")).contains("SENT", "DUPLICATE"));
        List<ReceivedCommand> starts = simulator.receivedCommands().stream()
                .filter(c -> c.messageId() == 6402).toList();
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).outcome()).isEqualTo(CommandOutcome.ACCEPTED);
        byte[] json = Commands.TRACE_START_SESSION_JSON.replace("\"lapSnapperProductID\":1000000",
                "\"lapSnapperProductID\":1000001").getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(starts.get(0).frame().bytes()))
                .isEqualTo("0219" + String.format("%02x%02x0000", json.length & 0xff, json.length >> 8)
                        + HexFormat.of().formatHex(json));
        assertThat(simulator.systemState()).as("the simulator is timing now").isEqualTo(2);
        DecoderStatus sentStatus = statuses.values().stream()
                .filter(s -> "SENT".equals(s.getAttributes().get("result"))).findFirst().orElseThrow();
        assertThat(sentStatus.getAttributes()).containsEntry("commandId", start.getCommandId())
                .containsEntry("command", "START_SESSION");
        assertThat(sentStatus.getStreamId()).isEqualTo(venue + "/decoder-10022");
    }

    @Test
    void theEpochSurvivesAnIngestRestartAndChangesWhenLapSnapperRestartsItsNumbering() throws Exception {
        String venue = venue("epoch");
        LapSnapperSimulator first = simulator(LapSnapperSimulatorConfig.defaults());
        int port = first.port();
        first.faults().resendOnReconnect(2);
        EventCollector<Passing> passings = passings(venue);
        String[] args = {"--lapsnapper.servers=" + venue + "@127.0.0.1:" + port, "--lapsnapper.commands.enabled=false"};
        IngestUnderTest before = ingest(args);
        await().atMost(WAIT).until(() -> first.handshakenClients() == 1);
        publishLaps(first, 0, 5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values()).hasSize(5));
        before.close(); // saves the stream position

        IngestUnderTest after = ingest(args);
        await().atMost(WAIT).until(() -> after.connections().get(0).isReady());
        publishLaps(first, 5, 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values()).hasSize(9)); // 7 + 2 re-sent
        long epoch = passings.values().get(0).getStreamEpoch();
        assertThat(passings.values()).extracting(Passing::getStreamEpoch)
                .as("re-sent events after the ingest restart keep their epoch, so they dedupe").containsOnly(epoch);

        resources.remove(first); // its close() is not idempotent
        first.close(); // LapSnapper restarts: its numbering starts at 1 again
        LapSnapperSimulator second = simulator(LapSnapperSimulatorConfig.defaults().withPort(port));
        await().atMost(WAIT).until(() -> second.handshakenClients() == 1);
        for (int i = 0; i < 3; i++) {
            second.publish(10_001, 1, "Car 1", T0 + 3_600_000L + i * 20_000L, 1);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(passings.values()).hasSize(12));
        List<Passing> restarted = passings.values().subList(9, 12);
        assertThat(restarted).extracting(Passing::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(restarted).extracting(Passing::getStreamEpoch).containsOnly(restarted.get(0).getStreamEpoch());
        assertThat(restarted.get(0).getStreamEpoch()).isGreaterThan(epoch);
    }
}
