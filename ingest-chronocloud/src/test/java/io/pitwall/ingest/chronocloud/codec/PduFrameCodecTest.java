package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The codec in a Netty pipeline: frames in, typed messages out; confirmations out as exact text frames. */
class PduFrameCodecTest {

    final EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFrameAggregator(16_384),
            new PduFrameDecoder(new PduDecoder()), new ConfirmationEncoder());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aTextFrameBecomesAPdu() {
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(SpecExamples.bytes(SpecExamples.PASSING))));
        PassingPdu pdu = channel.readInbound();
        assertThat(pdu.id().text()).isEqualTo("70");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aMessageFragmentedOverSeveralFramesIsDecodedWhole() {
        byte[] bytes = SpecExamples.bytes(SpecExamples.CONNECTED);
        int a = bytes.length / 3;
        int b = 2 * bytes.length / 3;
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, a))));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, a, b))));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, b, bytes.length))));
        ConnectedPdu pdu = channel.readInbound();
        assertThat(pdu.version()).contains("1.2.30");
    }

    @Test
    void garbageBecomesAnErrorAndTheNextFrameStillDecodes() {
        channel.writeInbound(new TextWebSocketFrame("{\"station\":"));
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(SpecExamples.bytes(SpecExamples.KEEPALIVE))));
        PduDecodeError error = channel.readInbound();
        assertThat(error.kind()).isEqualTo(DecodeErrorKind.MALFORMED_JSON);
        assertThat(error.excerpt()).isEqualTo("{\"station\":");
        assertThat((Object) channel.readInbound()).isInstanceOf(KeepalivePdu.class);
    }

    @Test
    void aBinaryFrameIsAnError() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 1, 2, 3})));
        PduDecodeError error = channel.readInbound();
        assertThat(error.kind()).isEqualTo(DecodeErrorKind.BINARY_FRAME);
        assertThat(error.detail()).contains("4 bytes");
    }

    @Test
    void controlFramesPassThrough() {
        PingWebSocketFrame ping = new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1}));
        channel.writeInbound(ping);
        PingWebSocketFrame out = channel.readInbound();
        assertThat(out).isSameAs(ping);
        out.release();
    }

    @Test
    void confirmationsAreTextFramesHoldingExactlyTheirText() {
        channel.writeOutbound(Confirmation.bumb(new EventId("4291", 4291)), Confirmation.PONG);
        assertThat(textOf(channel.readOutbound())).isEqualTo("bumb-4291");
        assertThat(textOf(channel.readOutbound())).isEqualTo("pong");
    }

    private static String textOf(TextWebSocketFrame frame) {
        try {
            ByteBuf content = frame.content();
            assertThat(frame.isFinalFragment()).isTrue();
            return new String(ByteBufUtil.getBytes(content), StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }
}
