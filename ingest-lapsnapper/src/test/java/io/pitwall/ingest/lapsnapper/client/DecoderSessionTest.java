package io.pitwall.ingest.lapsnapper.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.LapSnapperConfig;
import io.pitwall.ingest.lapsnapper.TestConfigs;
import io.pitwall.ingest.lapsnapper.codec.AbsoluteTime;
import io.pitwall.ingest.lapsnapper.codec.DecoderInfo;
import io.pitwall.ingest.lapsnapper.codec.DecoderTime;
import io.pitwall.ingest.lapsnapper.codec.GetDecoderTime;
import io.pitwall.ingest.lapsnapper.codec.Heartbeat;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.ServerInfoFailed;
import io.pitwall.ingest.lapsnapper.codec.ServerInfoRequest;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.StopSession;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol state machine, byte for byte, on an {@link EmbeddedChannel} with a controllable clock. */
class DecoderSessionTest {

    static final MessageHeader SERVER = new MessageHeader(60, 520_000);
    static final ServerInfo SERVER_INFO = new ServerInfo(SERVER, new DecoderInfo(1, 510, 2, 10022, 1, 1), 2);

    final LapSnapperConfig config = TestConfigs.oneServer(9001, "--lapsnapper.heartbeat.interval=2s",
            "--lapsnapper.heartbeat.missed=3", "--lapsnapper.handshake.timeout=10s",
            "--lapsnapper.decoder.time.interval=1m", "--lapsnapper.max.frame.size=4096");
    final DecoderServer server = config.servers().get(0);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry, "LAPSNAPPER");
    final AtomicLong wallClock = new AtomicLong(1_000_000);
    final AtomicLong pausesClock = new AtomicLong();
    final ReadPauses pauses = new ReadPauses(pausesClock::get);
    final Recorder recorder = new Recorder();
    final DecoderSession session = new DecoderSession(server, config, recorder, metrics, pauses, wallClock::get,
            System::nanoTime);
    EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    void connect() {
        channel = new EmbeddedChannel(false, false);
        LapSnapperCodec.addTo(channel.pipeline(), config.maxFrameSize());
        channel.pipeline().addLast(session);
        try {
            channel.register(); // active now: the session sends its handshake
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void fromServer(LapSnapperMessage message) {
        channel.writeInbound(Unpooled.wrappedBuffer(LapSnapperCodec.encode(message)));
    }

    LapSnapperMessage sent() {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a frame sent to the server").isNotNull();
        try {
            return (LapSnapperMessage) LapSnapperCodec.decodeFrame(frame);
        } finally {
            frame.release();
        }
    }

    void handshake() {
        connect();
        assertThat(sent()).isInstanceOf(ServerInfoRequest.class);
        fromServer(SERVER_INFO);
        assertThat(sent()).isInstanceOf(GetDecoderTime.class);
    }

    void advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    double decodeErrors(String kind) {
        Counter c = registry.find(MetricNames.DECODE_ERRORS).tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theHandshakeCarriesThePasswordProductIdAndApiVersion() {
        connect();

        assertThat(sent()).isEqualTo(new ServerInfoRequest(new MessageHeader(1_000_001, 520_000), List.of(1, 2, 3, 4)));
        assertThat(session.phase()).isEqualTo(DecoderSession.Phase.HANDSHAKING);
    }

    @Test
    void serverInformationCompletesTheHandshakeAndTheDecoderClockIsAskedForAtOnceAndPeriodically() {
        handshake();

        assertThat(recorder.events).containsExactly("handshake 10022 state 2");
        assertThat(session.isReady()).isTrue();
        assertThat(channel.pipeline().get(HeartbeatWatchdog.IDLE_HANDLER)).isNotNull();

        wallClock.addAndGet(100); // asked at 1_000_000, answered at 1_000_100: read at about 1_000_050
        fromServer(new DecoderTime(SERVER, 1_005_050));
        assertThat(recorder.events).last().isEqualTo("clock offset 5000 rtt 100");

        for (int i = 0; i < 29; i++) {
            advance(2);
            fromServer(new Heartbeat(SERVER));
        }
        assertThat((Object) channel.readOutbound()).as("nothing before the minute is up").isNull();
        advance(2);
        assertThat(sent()).as("the next 6100 a minute later").isInstanceOf(GetDecoderTime.class);
    }

    @Test
    void aRefusedHandshakeClosesTheConnectionAndSaysWhy() {
        connect();
        sent();

        fromServer(new ServerInfoFailed(SERVER, 1));

        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.events).containsExactly("closed ready=false HANDSHAKE_REFUSED");
        assertThat(recorder.details).last().asString().contains("6002", "status 1", "wrong password");
    }

    @Test
    void aServerThatHangsUpDuringTheHandshakeIsReportedAsAProbableWrongPassword() {
        connect();
        sent();

        channel.close();

        assertThat(recorder.events).containsExactly("closed ready=false SERVER_CLOSED");
        assertThat(recorder.details).last().asString().contains("during the handshake", "wrong password");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOut() {
        connect();
        sent();

        advance(9);
        assertThat(channel.isOpen()).isTrue();
        advance(2);

        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.events).containsExactly("closed ready=false HANDSHAKE_TIMEOUT");
    }

    @Test
    void threeMissedHeartbeatsDeclareTheConnectionDeadAndTimeEventsDoNotCount() {
        handshake();
        for (int i = 0; i < 5; i++) {
            advance(2);
            fromServer(new Heartbeat(SERVER));
        }
        assertThat(channel.isOpen()).as("heartbeats every 2 s keep it open").isTrue();

        // last heartbeat at 10 s; time events at 12 s and 14 s do not reset the watchdog
        advance(2);
        fromServer(timeEvent(100));
        advance(2);
        fromServer(timeEvent(101));
        advance(1);
        assertThat(channel.isOpen()).isTrue();
        advance(1);

        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.events).contains("time 100", "time 101").last()
                .isEqualTo("closed ready=true HEARTBEAT_LOST");
        assertThat(recorder.details).last().asString().contains("no heartbeat for 6000 ms", "3 missed");
    }

    @Test
    void silenceWhileTheIngestItselfPausedReadingIsNotAHeartbeatLoss() {
        handshake();
        pauses.onWritabilityChanged(false);
        advance(30);
        assertThat(channel.isOpen()).isTrue();

        pauses.onWritabilityChanged(true);
        pausesClock.addAndGet(TimeUnit.SECONDS.toNanos(7)); // resumed long enough ago: silence counts again
        advance(7);

        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.events).last().isEqualTo("closed ready=true HEARTBEAT_LOST");
    }

    @Test
    void undecodableFramesAreCountedAndTheConnectionGoesOn() {
        handshake();
        byte[] garbage = "{not json".getBytes(StandardCharsets.US_ASCII);
        ByteBuf bad = Unpooled.buffer().writeShortLE(6110).writeIntLE(garbage.length).writeBytes(garbage);
        ByteBuf unknown = Unpooled.buffer().writeShortLE(7777).writeIntLE(2).writeBytes("{}".getBytes());

        channel.writeInbound(bad, unknown);
        fromServer(timeEvent(5));

        assertThat(decodeErrors("malformed_json")).isEqualTo(1);
        assertThat(decodeErrors("unknown_message_id")).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        assertThat(recorder.events).last().isEqualTo("time 5");
        assertThat(registry.find(MetricNames.RECEIVED).counter().count()).as("every frame counted").isEqualTo(4);
    }

    @Test
    void aFrameLongerThanTheLimitEndsTheConnectionWithAClearError() {
        handshake();

        channel.writeInbound(Unpooled.buffer().writeShortLE(6110).writeIntLE(5000).writeBytes(new byte[100]));

        assertThat(channel.isOpen()).isFalse();
        assertThat(decodeErrors("frame_too_long")).isEqualTo(1);
        assertThat(recorder.events).last().isEqualTo("closed ready=true FRAME_TOO_LONG");
        assertThat(recorder.details).last().asString().contains("5000 bytes", "limit of 4096");
    }

    @Test
    void messagesOutOfPlaceAreCountedNotActedOn() {
        connect();
        sent();

        fromServer(timeEvent(1));                         // before the handshake
        fromServer(new StopSession(SERVER, "1234"));      // a client's message

        assertThat(decodeErrors("unexpected_message")).isEqualTo(2);
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void startMaticChangesAreReported() {
        handshake();

        fromServer(new StartMaticStatus(SERVER, "1234", StartMaticStatus.COUNTDOWN_STARTED, 1, -1));

        assertThat(recorder.events).last().isEqualTo("startmatic 6");
    }

    @Test
    void aHangUpRightAfterARemoteControlMessageHintsAtAWrongPin() {
        handshake();

        session.sendCommand(new StopSession(new MessageHeader(1_000_001, 520_000), "0000"));
        assertThat(sent()).isInstanceOf(StopSession.class);
        channel.close();

        assertThat(recorder.details).last().asString().contains("STOP_SESSION", "wrong PIN");
    }

    static TimeEvent timeEvent(long id) {
        return new TimeEvent(SERVER, 10003, 1, "Mark", new AbsoluteTime(id, 1_607_504_803_361L + id), 1);
    }

    static final class Recorder implements SessionCallbacks {
        final List<String> events = new ArrayList<>();
        final List<String> details = new ArrayList<>();

        @Override
        public void handshakeSucceeded(DecoderSession session, ServerInfo info) {
            events.add("handshake " + info.decoderInfo().deviceId() + " state " + info.systemState());
        }

        @Override
        public void timeEvent(TimeEvent event, Instant receivedAt) {
            events.add("time " + event.absoluteTime().timeStampId());
        }

        @Override
        public void startMatic(StartMaticStatus status) {
            events.add("startmatic " + status.startMaticStatus());
        }

        @Override
        public void decoderTime(long offsetMillis, long roundTripMillis) {
            events.add("clock offset " + offsetMillis + " rtt " + roundTripMillis);
        }

        @Override
        public void decoderTimeFailed() {
            events.add("clock unavailable");
        }

        @Override
        public void sessionClosed(DecoderSession session, boolean wasReady, CloseReason reason, String detail) {
            events.add("closed ready=" + wasReady + " " + reason);
            details.add(detail);
        }
    }
}
