package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pitwall.ingest.lapsnapper.codec.TestFrames.concat;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.decodingChannel;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.drainInbound;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.feed;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.frame;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Framing: how bytes arriving in any TCP segmentation become frames, and when a stream is beyond repair. */
class FrameDecoderTest {

    private static final byte[] STREAM = concat(SampleMessages.ALL.stream().map(LapSnapperCodec::encode)
            .toArray(byte[][]::new));

    @Test
    void coalescedFramesInOneBufferAllDecodeInOrder() {
        EmbeddedChannel channel = decodingChannel();
        feed(channel, STREAM);

        assertThat(drainInbound(channel)).containsExactlyElementsOf(SampleMessages.ALL);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aStreamSplitInTwoAtEveryByteBoundaryDecodesTheSame() {
        for (int split = 0; split <= STREAM.length; split++) {
            EmbeddedChannel channel = decodingChannel();
            feed(channel, Arrays.copyOfRange(STREAM, 0, split), Arrays.copyOfRange(STREAM, split, STREAM.length));

            assertThat(drainInbound(channel)).as("split at byte %d", split)
                    .containsExactlyElementsOf(SampleMessages.ALL);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aStreamFedOneByteAtATimeDecodesTheSame() {
        EmbeddedChannel channel = decodingChannel();
        List<Object> out = new ArrayList<>();
        for (byte b : STREAM) {
            feed(channel, new byte[] {b});
            out.addAll(drainInbound(channel));
        }
        assertThat(out).containsExactlyElementsOf(SampleMessages.ALL);
        channel.finishAndReleaseAll();
    }

    @Test
    void aTruncatedFrameWaitsWithoutOutputUntilTheRestArrives() {
        byte[] frame = LapSnapperCodec.encode(SampleMessages.ALL.get(7));
        EmbeddedChannel channel = decodingChannel();

        feed(channel, Arrays.copyOf(frame, 3));
        assertThat(drainInbound(channel)).isEmpty();
        feed(channel, Arrays.copyOfRange(frame, 3, frame.length - 1));
        assertThat(drainInbound(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        feed(channel, Arrays.copyOfRange(frame, frame.length - 1, frame.length));
        assertThat(drainInbound(channel)).containsExactly(SampleMessages.ALL.get(7));
        channel.finishAndReleaseAll();
    }

    @Test
    void aTruncatedFrameAtEndOfStreamIsDroppedSilently() {
        byte[] frame = LapSnapperCodec.encode(SampleMessages.ALL.get(7));
        EmbeddedChannel channel = decodingChannel();
        feed(channel, Arrays.copyOf(frame, frame.length - 10));

        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anOversizeLengthFieldIsFatalWithAClearMessageAndClosesTheChannel() {
        byte[] good = LapSnapperCodec.encode(SampleMessages.ALL.get(3));
        EmbeddedChannel channel = decodingChannel(1000);

        assertThatThrownBy(() -> feed(channel, concat(good, header(6110, 1001), new byte[50])))
                .isInstanceOf(LapSnapperFrameTooLongException.class)
                .hasMessageContaining("message id 6110")
                .hasMessageContaining("1001 bytes")
                .hasMessageContaining("limit of 1000");
        assertThat(drainInbound(channel)).as("the frame before the bad header still arrives")
                .containsExactly(SampleMessages.ALL.get(3));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aNegativeLengthFieldIsTheSameFatalError() {
        EmbeddedChannel channel = decodingChannel();

        assertThatThrownBy(() -> feed(channel, header(6003, 0xFFFF_FFFFL)))
                .isInstanceOfSatisfying(LapSnapperFrameTooLongException.class, e -> {
                    assertThat(e.declaredLength()).isEqualTo(0xFFFF_FFFFL);
                    assertThat(e.getMessage()).contains("negative as a signed int: -1");
                });
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theFatalErrorIsSeenByTheNextHandlerBeforeTheChannelCloses() {
        List<String> events = new ArrayList<>();
        EmbeddedChannel channel = decodingChannel(100);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                events.add("exception:" + cause.getClass().getSimpleName() + ",open=" + ctx.channel().isOpen());
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                events.add("inactive");
            }
        });
        feed(channel, header(6110, 101));

        assertThat(events).containsExactly("exception:LapSnapperFrameTooLongException,open=true", "inactive");
    }

    @Test
    void aLengthExactlyAtTheLimitIsAccepted() {
        String json = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000}}";
        EmbeddedChannel channel = decodingChannel(json.length());
        feed(channel, frame(6003, json));

        assertThat(drainInbound(channel)).containsExactly(new Heartbeat(new MessageHeader(60, 520_000)));
        channel.finishAndReleaseAll();
    }

    @Test
    void theLimitIsCheckedOnTheHeaderBeforeAnyPayloadIsBuffered() {
        EmbeddedChannel channel = decodingChannel();

        assertThatThrownBy(() -> feed(channel, header(6110, LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH + 1L)))
                .isInstanceOf(LapSnapperFrameTooLongException.class);
    }

    @Test
    void aZeroLengthFrameIsAnErrorValueAndTheStreamContinues() {
        EmbeddedChannel channel = decodingChannel();
        feed(channel, concat(header(6003, 0), LapSnapperCodec.encode(SampleMessages.ALL.get(3))));

        List<Object> out = drainInbound(channel);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new DecodeError(DecodeError.Kind.EMPTY_PAYLOAD, 6003, 0,
                "frame has an empty payload", ""));
        assertThat(out.get(1)).isEqualTo(SampleMessages.ALL.get(3));
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void bytesArrivingAfterAFatalHeaderAreIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new LapSnapperFrameDecoder(10));
        ByteBuf bad = Unpooled.wrappedBuffer(concat(header(6110, 11), STREAM));

        assertThatThrownBy(() -> channel.writeInbound(bad)).isInstanceOf(LapSnapperFrameTooLongException.class);
        assertThat(bad.refCnt()).as("input released").isZero();
        assertThat(drainInbound(channel)).isEmpty();
    }

    @Test
    void theFrameDecoderPassesWholeFramesHeaderIncluded() {
        byte[] frame = LapSnapperCodec.encode(SampleMessages.ALL.get(0));
        EmbeddedChannel channel = new EmbeddedChannel(new LapSnapperFrameDecoder());
        feed(channel, concat(frame, frame));

        for (int i = 0; i < 2; i++) {
            ByteBuf out = channel.readInbound();
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(frame);
            out.release();
        }
        assertThat(channel.finish()).isFalse();
    }
}
