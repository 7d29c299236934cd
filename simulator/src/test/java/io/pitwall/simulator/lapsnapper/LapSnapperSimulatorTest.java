package io.pitwall.simulator.lapsnapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.pitwall.simulator.lapsnapper.RawClient.HELLO;
import static io.pitwall.simulator.lapsnapper.RawClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulator as a LapSnapper client sees it over a real socket. */
class LapSnapperSimulatorTest {

    private static final String STOP = header(6400) + ",\"pinCode\":\"1234\"}";

    private LapSnapperSimulator simulator;

    private LapSnapperSimulator start(LapSnapperSimulatorConfig config) {
        simulator = LapSnapperSimulator.start(config.withPort(0));
        return simulator;
    }

    private LapSnapperSimulator start() {
        return start(LapSnapperSimulatorConfig.defaults().withHeartbeatInterval(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void handshakeAnswersServerInfoWithDecoderInfoAndSystemState() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            RawClient.Frame info = client.handshake();

            assertThat(info.id()).isEqualTo(6001);
            assertThat(info.text()).isEqualTo("{\"messageHeader\":{\"messageID\":6001,\"lapSnapperProductID\":60,"
                    + "\"serverVersion\":520000},\"decoderInfo\":{\"productID\":1,\"versionNumber\":510,"
                    + "\"deviceType\":2,\"deviceID\":10022,\"decoderMode\":1,\"decoderStatus\":1},\"systemState\":0}");
            assertThat(simulator.handshakenClients()).isEqualTo(1);
            assertThat(simulator.receivedCommands()).singleElement().satisfies(c -> {
                assertThat(c.outcome()).isEqualTo(CommandOutcome.ACCEPTED);
                assertThat(c.frame().bytes()).isEqualTo(RawClient.frame(6000, HELLO));
            });
        }
    }

    @Test
    void heartbeatsArriveAtTheConfiguredIntervalAfterTheHandshakeOnly() throws Exception {
        start(LapSnapperSimulatorConfig.defaults().withHeartbeatInterval(Duration.ofMillis(100)));
        try (RawClient client = new RawClient(simulator.port())) {
            assertThat(client.silentFor(350)).as("no heartbeat before the handshake").isTrue();
            client.handshake();

            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                RawClient.Frame heartbeat = client.read();
                assertThat(heartbeat.id()).isEqualTo(6003);
                assertThat(heartbeat.text()).isEqualTo(
                        "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000}}");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        }
    }

    @Test
    void timeEventsGoToEveryHandshakenClientWithIncreasingTimeStampIds() throws Exception {
        start();
        try (RawClient a = new RawClient(simulator.port()); RawClient b = new RawClient(simulator.port());
             RawClient notHandshaken = new RawClient(simulator.port())) {
            a.handshake();
            b.handshake();
            assertThat(simulator.handshakenClients()).isEqualTo(2);

            assertThat(simulator.publish(10003, 1, "Mark", 1_607_504_803_361L, 1)).isEqualTo(1);
            assertThat(simulator.publish(10004, 2, null, 1_607_504_814_590L, 0)).isEqualTo(2);

            for (RawClient client : List.of(a, b)) {
                RawClient.Frame first = client.readSkippingHeartbeats();
                assertThat(first.id()).isEqualTo(6110);
                assertThat(first.text()).isEqualTo("{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,"
                        + "\"serverVersion\":520000},\"transponderID\":10003,\"transponderInstance\":1,"
                        + "\"transponderName\":\"Mark\",\"absoluteTime\":{\"timeStampID\":1,"
                        + "\"absoluteTime\":1607504803361},\"lapLine\":1}");
                RawClient.Frame second = client.readSkippingHeartbeats();
                assertThat(second.json().path("absoluteTime").path("timeStampID").asLong()).isEqualTo(2);
                assertThat(second.json().has("transponderName")).isFalse();
                assertThat(second.json().path("lapLine").asInt()).isZero();
            }
            assertThat(notHandshaken.silentFor(200)).isTrue();
            assertThat(simulator.sentEvents()).extracting(SentTimeEvent::timeStampId).containsExactly(1L, 2L);
        }
    }

    @Test
    void aWrongPasswordGetsServerInfoFailedAndMayTryAgain() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.send(6000, header(6000) + ",\"password\":[4,3,2,1]}");
            RawClient.Frame failed = client.read();

            assertThat(failed.id()).isEqualTo(6002);
            assertThat(failed.json().path("status").asInt()).isEqualTo(1);
            assertThat(client.handshake().id()).isEqualTo(6001);
            assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome)
                    .containsExactly(CommandOutcome.WRONG_PASSWORD, CommandOutcome.ACCEPTED);
        }
    }

    @Test
    void aWrongPasswordCanBeAnAbruptDisconnect() throws Exception {
        start(LapSnapperSimulatorConfig.defaults()
                .withWrongPassword(LapSnapperSimulatorConfig.WrongPasswordBehaviour.DISCONNECT));
        try (RawClient client = new RawClient(simulator.port())) {
            client.send(6000, header(6000) + ",\"password\":[1,2,3]}");

            assertThat(client.closedByServer()).isTrue();
            assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome)
                    .containsExactly(CommandOutcome.WRONG_PASSWORD);
        }
    }

    @Test
    void anUnsupportedServerVersionGetsServerInfoFailed() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.send(6000, HELLO.replace("520000", "510000"));

            assertThat(client.read().id()).isEqualTo(6002);
            assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome)
                    .containsExactly(CommandOutcome.UNSUPPORTED_VERSION);
        }
    }

    @Test
    void anythingButAHandshakeFirstIsDisconnected() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.send(6100, header(6100) + "}");

            assertThat(client.closedByServer()).isTrue();
            assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome)
                    .containsExactly(CommandOutcome.NOT_HANDSHAKEN);
        }
    }

    @Test
    void malformedClientMessagesAreDisconnected() throws Exception {
        start();
        List<byte[]> bad = List.of(
                RawClient.frame(6000, "not json"),
                RawClient.frame(6000, HELLO.replace("\"messageID\":6000", "\"messageID\":6001")),
                RawClient.frame(6003, header(6003) + "}"));
        for (byte[] frame : bad) {
            try (RawClient client = new RawClient(simulator.port())) {
                client.send(frame);
                assertThat(client.closedByServer()).isTrue();
            }
        }
        assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome).containsExactly(
                CommandOutcome.MALFORMED, CommandOutcome.MALFORMED, CommandOutcome.UNEXPECTED_MESSAGE);
    }

    @Test
    void decoderTimeIsTheWallClockPlusTheConfiguredOffset() throws Exception {
        Duration offset = Duration.ofHours(-1).plusMillis(250);
        start(LapSnapperSimulatorConfig.defaults().withDecoderClockOffset(offset)
                .withHeartbeatInterval(Duration.ofSeconds(30)));
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            long before = System.currentTimeMillis();
            client.send(6100, header(6100) + "}");
            RawClient.Frame time = client.read();
            long after = System.currentTimeMillis();

            assertThat(time.id()).isEqualTo(6101);
            assertThat(time.json().path("decoderTime").asLong())
                    .isBetween(before + offset.toMillis(), after + offset.toMillis());

            simulator.faults().decoderTimeUnavailable(true);
            client.send(6100, header(6100) + "}");
            assertThat(client.read().id()).isEqualTo(6102);
        }
    }

    @Test
    void remoteControlWithTheRightPinChangesTheSystemStateAndIsRecordedByteForByte() throws Exception {
        start();
        String startSession = header(6402) + ",\"pinCode\":\"1234\",\"sessionParameters\":{\"sessionType\":2,"
                + "\"triggerLineCount\":3,\"startLine\":0,\"stopType\":3,\"stopValue\":20,\"continuousSession\":false,"
                + "\"personalStoppingCriteria\":false,\"resultsAreOrderedAgainstTotalTime\":false,"
                + "\"sessionStopStartsWhenLeaderReachesStopValue\":true},\"trackSettings\":{\"minimumLapTimeEnabled\":true,"
                + "\"minimumLapTime\":15000,\"minimumSector1Time\":5000,\"minimumSector2Time\":5000,"
                + "\"minimumSector3Time\":5000,\"maximumLapTimeEnabled\":false,\"maximumLapTime\":240000}}";
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();

            client.send(6402, startSession);
            Eventually.until(() -> simulator.systemState() == 2);
            client.send(6400, STOP);
            Eventually.until(() -> simulator.systemState() == 4);
            client.send(6401, header(6401) + ",\"pinCode\":\"1234\"}");
            Eventually.until(() -> simulator.systemState() == 0);

            List<ReceivedCommand> commands = simulator.receivedCommands();
            assertThat(commands).extracting(ReceivedCommand::messageId).containsExactly(6000, 6402, 6400, 6401);
            assertThat(commands).extracting(ReceivedCommand::outcome).containsOnly(CommandOutcome.ACCEPTED);
            assertThat(commands.get(1).frame().bytes()).isEqualTo(RawClient.frame(6402, startSession));
        }
        try (RawClient later = new RawClient(simulator.port())) {
            assertThat(later.handshake().json().path("systemState").asInt()).as("exit: main menu").isZero();
        }
    }

    @Test
    void aStartSessionMissingADocumentedKeyIsMalformed() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            client.send(6405, header(6405) + ",\"pinCode\":\"1234\",\"trackSettings\":{\"minimumLapTimeEnabled\":true}}");

            assertThat(client.closedByServer()).isTrue();
            assertThat(simulator.receivedCommands().get(1).outcome()).isEqualTo(CommandOutcome.MALFORMED);
        }
    }

    @Test
    void aWrongPinIsRejectedAndTheConnectionStays() throws Exception {
        start(LapSnapperSimulatorConfig.defaults().withHeartbeatInterval(Duration.ofMillis(100)));
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            client.send(6400, STOP.replace("1234", "4321"));
            client.send(6401, header(6401) + ",\"pinCode\":1234}");

            assertThat(client.read().id()).as("still connected: heartbeats go on").isEqualTo(6003);
            assertThat(simulator.receivedCommands()).extracting(ReceivedCommand::outcome).containsExactly(
                    CommandOutcome.ACCEPTED, CommandOutcome.WRONG_PIN, CommandOutcome.WRONG_PIN);
            assertThat(simulator.systemState()).isZero();
        }
    }

    @Test
    void aWrongPinCanDisconnect() throws Exception {
        start(LapSnapperSimulatorConfig.defaults().withWrongPin(LapSnapperSimulatorConfig.WrongPinBehaviour.DISCONNECT)
                .withPinCode("8642").withHeartbeatInterval(Duration.ofSeconds(30)));
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            client.send(6400, STOP);

            assertThat(client.closedByServer()).isTrue();
            assertThat(simulator.receivedCommands().get(1).outcome()).isEqualTo(CommandOutcome.WRONG_PIN);
        }
    }

    @Test
    void aStartMaticCommandIsAnsweredWithAStartMaticStatusLikeTheTrace() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            client.send(6403, header(6403) + ",\"pinCode\":\"1234\",\"startMaticStatus\":4,\"startMaticData\":15,"
                    + "\"startMaticData2\":-1}");

            RawClient.Frame status = client.readSkippingHeartbeats();
            assertThat(status.id()).isEqualTo(6403);
            assertThat(status.text()).isEqualTo("{\"messageHeader\":{\"messageID\":6403,\"lapSnapperProductID\":1000000,"
                    + "\"serverVersion\":520000},\"pinCode\":\"1234\",\"startMaticStatus\":4,\"startMaticData\":15,"
                    + "\"startMaticData2\":-1}");
        }
    }

    @Test
    void anOperatorStartMaticStatusIsBroadcast() throws Exception {
        start();
        try (RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            assertThat(simulator.handshakenClients()).isEqualTo(1);
            simulator.publishStartMaticStatus(6, 1, -1);

            RawClient.Frame status = client.readSkippingHeartbeats();
            assertThat(status.id()).isEqualTo(6403);
            assertThat(status.json().path("startMaticStatus").asInt()).isEqualTo(6);
        }
    }
}
