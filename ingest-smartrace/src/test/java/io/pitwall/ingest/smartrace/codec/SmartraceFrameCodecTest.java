package io.pitwall.ingest.smartrace.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SmartraceFrameCodecTest {

    final EmbeddedChannel channel = new EmbeddedChannel(new SmartraceFrameCodec());

    @Test
    void textFramesBecomeDecodedMessagesWithTheirExactText() {
        String text = "{\"type\":\"analog_lap\",\"data\":{\"timestamp\":1722773108999,\"controller_id\":2}}";

        channel.writeInbound(new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));

        ReceivedFrame frame = channel.readInbound();
        assertThat(frame.text()).isEqualTo(text);
        assertThat(frame.inbound()).isEqualTo(new SensorMessage.AnalogLap(2, 1722773108999L));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void garbageIsADecodeErrorAndTheChannelStaysOpen() {
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"analog_lap\",\"data\":{\"controller_id\":\"2\"}}"));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"analog_pit_enter\",\"data\":{\"controller_id\":2}}"));

        assertThat(((ReceivedFrame) channel.readInbound()).inbound()).isInstanceOfSatisfying(DecodeError.class,
                e -> assertThat(e.kind()).isEqualTo(DecodeError.Kind.WRONG_FIELD_TYPE));
        ReceivedFrame binary = channel.readInbound();
        assertThat(binary.text()).isNull();
        assertThat(binary.inbound()).isInstanceOfSatisfying(DecodeError.class,
                e -> assertThat(e.kind()).isEqualTo(DecodeError.Kind.BINARY_FRAME));
        assertThat(((ReceivedFrame) channel.readInbound()).inbound())
                .isEqualTo(new SensorMessage.PitEnter(2, OptionalLong.empty()));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void serverMessagesBecomeTextFramesByteForByte() {
        channel.writeOutbound(new ServerMessage.ApiVersion(7));

        TextWebSocketFrame frame = channel.readOutbound();
        ByteBuf content = frame.content();
        assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"api_version\",\"data\":{\"api_version\":7}}");
        frame.release();
    }

    @Test
    void otherFramesPassThroughBothWays() {
        channel.writeOutbound(new TextWebSocketFrame("relayed verbatim"));
        TextWebSocketFrame relayed = channel.readOutbound();
        assertThat(relayed.text()).isEqualTo("relayed verbatim");
        relayed.release();

        channel.writeInbound(new PingWebSocketFrame());
        PingWebSocketFrame ping = channel.readInbound();
        assertThat(ping.refCnt()).isEqualTo(1);
        ping.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
