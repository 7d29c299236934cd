package io.pitwall.ingest.lapsnapper.codec;

import io.pitwall.simulator.lapsnapper.CommandOutcome;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import io.pitwall.simulator.lapsnapper.ReceivedCommand;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The codec against the independently written simulator over a real loopback socket: both sides were written
 * from the same document, so agreement here cross-checks each against the spec.
 */
class CodecAgainstSimulatorTest {

    private static final List<Integer> PASSWORD = List.of(1, 2, 3, 4);
    private static final MessageHeader SERVER = new MessageHeader(60, 520_000);
    private static final MessageHeader CLIENT = new MessageHeader(1_000_000, 520_000);

    private LapSnapperSimulator simulator;
    private CodecClient client;

    @BeforeEach
    void start() throws InterruptedException {
        simulator = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0)
                .withHeartbeatInterval(Duration.ofMillis(100))
                .withDecoderClockOffset(Duration.ofMinutes(-3)));
        client = new CodecClient(simulator.port());
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    private static TimeEvent expected(long timeStampId, int transponder, String name, long time, int lapLine) {
        return new TimeEvent(SERVER, transponder, 1, name, new AbsoluteTime(timeStampId, time), lapLine);
    }

    private List<TimeEvent> publish(int count) {
        List<TimeEvent> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int transponder = 10_001 + i % 7;
            String name = i % 3 == 0 ? null : "Car ✓ " + transponder;
            long time = 1_700_000_000_000L + 1_000L * i;
            long id = simulator.publish(transponder, 1, name, time, i % 4 == 0 ? 1 : 0);
            expected.add(expected(id, transponder, name, time, i % 4 == 0 ? 1 : 0));
        }
        return expected;
    }

    @Test
    void handshakeHeartbeatsAndTimeEventsDecode() throws InterruptedException {
        ServerInfo info = client.handshake(PASSWORD);

        assertThat(info).isEqualTo(new ServerInfo(SERVER, new DecoderInfo(1, 510, 2, 10022, 1, 1), 0));
        assertThat(client.next(Heartbeat.class)).isEqualTo(new Heartbeat(SERVER));
        List<TimeEvent> expected = publish(5);
        assertThat(client.timeEvents(5)).containsExactlyElementsOf(expected);
        assertThat(client.exceptions()).isEmpty();
    }

    @Test
    void aWrongPasswordDecodesAsServerInfoFailed() throws InterruptedException {
        client.send(new ServerInfoRequest(CLIENT, List.of(9, 9, 9, 9)));

        assertThat(client.next(ServerInfoFailed.class)).isEqualTo(new ServerInfoFailed(SERVER, 1));
    }

    @Test
    void everyClientMessageTheCodecEncodesIsAcceptedByTheSimulatorByteForByte() throws InterruptedException {
        client.handshake(PASSWORD);
        TrackSettings track = new TrackSettings(true, 15_000, 5_000, 5_000, 5_000, true, 240_000);
        List<LapSnapperMessage> commands = List.of(
                new GetDecoderTime(CLIENT),
                new SessionInformation(CLIENT, "1234", "Heat 2", true,
                        List.of(new DriverInformation(7, "Kimi", new TransponderKey(10_007, 1), true))),
                new RaceTrackSettings(CLIENT, "1234", track),
                new StartSession(CLIENT, "1234", new SessionParameters(2, 3, 0, 3, 20, false, false, false, true), track),
                new StartMaticStatus(CLIENT, "1234", StartMaticStatus.DELAY, 15, -1),
                new StopSession(CLIENT, "1234"),
                new ExitSession(CLIENT, "1234"));
        commands.forEach(client::send);

        DecoderTime time = client.next(DecoderTime.class);
        assertThat(time.decoderTime()).as("wall clock minus the simulator's 3 min offset")
                .isCloseTo(System.currentTimeMillis() - 180_000, Offset.offset(5_000L));
        assertThat(client.next(StartMaticStatus.class))
                .isEqualTo(new StartMaticStatus(CLIENT, "1234", StartMaticStatus.DELAY, 15, -1));

        await().until(() -> simulator.receivedCommands().size() == 1 + commands.size());
        List<ReceivedCommand> received = simulator.receivedCommands().subList(1, 1 + commands.size());
        assertThat(received).extracting(ReceivedCommand::outcome).containsOnly(CommandOutcome.ACCEPTED);
        for (int i = 0; i < commands.size(); i++) {
            assertThat(received.get(i).frame().bytes()).isEqualTo(LapSnapperCodec.encode(commands.get(i)));
        }
        assertThat(simulator.systemState()).as("exit session: main menu").isZero();
    }

    @Test
    void theSimulatorRejectsAWrongPinFromTheCodec() throws InterruptedException {
        client.handshake(PASSWORD);
        client.send(new StopSession(CLIENT, "0000"));

        await().until(() -> simulator.receivedCommands().size() == 2);
        assertThat(simulator.receivedCommands().get(1).outcome()).isEqualTo(CommandOutcome.WRONG_PIN);
    }

    @Test
    void framesSplitIntoTinyWritesDecodePerfectly() throws InterruptedException {
        simulator.faults().splitWrites(true);
        client.handshake(PASSWORD);
        List<TimeEvent> expected = publish(40);

        assertThat(client.timeEvents(40)).containsExactlyElementsOf(expected);
        assertThat(client.next(Heartbeat.class)).isEqualTo(new Heartbeat(SERVER));
        assertThat(client.exceptions()).isEmpty();
        // Not asserted: whether TCP really delivered partial frames is up to the kernel, not to us.
        System.out.println("split writes: " + client.readsEndingMidFrame() + " reads ended mid-frame");
    }

    @Test
    void framesCoalescedIntoOneWriteDecodePerfectly() throws InterruptedException {
        simulator.faults().coalesceFrames(6);
        client.handshake(PASSWORD);
        List<TimeEvent> expected = publish(23);

        assertThat(client.timeEvents(23)).containsExactlyElementsOf(expected);
        assertThat(client.exceptions()).isEmpty();
    }

    @Test
    void anOutOfOrderBurstArrivesCompleteAndSortableByTimeStampId() throws InterruptedException {
        client.handshake(PASSWORD);
        simulator.faults().outOfOrderBurst(12).splitWrites(true);
        List<TimeEvent> expected = publish(12);

        List<TimeEvent> received = client.timeEvents(12);
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(received.stream().sorted(Comparator.comparingLong(e -> e.absoluteTime().timeStampId())))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aGarbageFrameIsADecodeErrorAndTheStreamContinues() throws InterruptedException {
        client.handshake(PASSWORD);
        simulator.injectGarbageFrame();
        simulator.injectUnknownMessage();
        List<TimeEvent> expected = publish(3);

        DecodeError garbage = client.next(DecodeError.class);
        assertThat(garbage.kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
        assertThat(garbage.messageId()).isEqualTo(6110);
        assertThat(garbage.excerpt()).startsWith(".garbage");
        DecodeError unknown = client.next(DecodeError.class);
        assertThat(unknown.kind()).isEqualTo(DecodeError.Kind.UNKNOWN_MESSAGE_ID);
        assertThat(unknown.messageId()).isEqualTo(6999);

        assertThat(client.timeEvents(3)).containsExactlyElementsOf(expected);
        assertThat(client.isOpen()).isTrue();
        assertThat(client.exceptions()).isEmpty();
    }

    @Test
    void eventsResentAfterAReconnectDecodeAsDuplicatesWithTheirOriginalIds() throws InterruptedException {
        client.handshake(PASSWORD);
        List<TimeEvent> expected = publish(4);
        assertThat(client.timeEvents(4)).containsExactlyElementsOf(expected);
        client.close();

        simulator.faults().resendOnReconnect(2);
        client = new CodecClient(simulator.port());
        client.handshake(PASSWORD);
        assertThat(client.timeEvents(2)).containsExactlyElementsOf(expected.subList(2, 4));
    }
}
