package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.ingest.ctp01.codec.Ctp01DecodeError.Kind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound pipeline, byte for byte: framing, decoding, and what happens at its limits. */
class Ctp01LineDecoderTest {

    private static final int MAX = 128;
    private static final String PULL_EXAMPLE = "ack~getdata~3\r\n"
            + "CT01_33~1~start~guntime~07:45:01.01~0~DF239A~0\r\n"
            + "CT01_33~2~finish~12~08:38:58.97~0~0FA22E~4\r\n"
            + "CT01_33~3~finish~2948~08:39:01.62~0~04BE82~2\r\n";

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Ctp01Codec.install(channel.pipeline(),
                new Ctp01LineParser(TimeFormat.NORMAL, new VenueClock(ZoneOffset.UTC, LocalDate.of(2008, 10, 16))),
                MAX);
        return channel;
    }

    private static List<Ctp01Inbound> drain(EmbeddedChannel channel) {
        List<Ctp01Inbound> out = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            out.add((Ctp01Inbound) message);
        }
        return out;
    }

    private static List<Ctp01Inbound> feed(EmbeddedChannel channel, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        return drain(channel);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theParserCanBeReplacedOnceTheVenueIsKnown() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Ctp01Codec.install(channel.pipeline(), Ctp01LineParser.beforeVenueKnown(TimeFormat.NORMAL), MAX);
        String line = "CT01_33~2~finish~12~08:38:58.97~0~0FA22E~4\r\n";
        assertThat(feed(channel, bytes(line))).singleElement().isInstanceOf(Ctp01DecodeError.class);

        Ctp01LineDecoder decoder = channel.pipeline().get(Ctp01LineDecoder.class);
        Ctp01LineParser venue = new Ctp01LineParser(TimeFormat.NORMAL,
                new VenueClock(ZoneOffset.UTC, LocalDate.of(2008, 10, 16)));
        decoder.parser(venue);
        assertThat(decoder.parser()).isSameAs(venue);
        assertThat(feed(channel, bytes(line))).singleElement().isInstanceOfSatisfying(TagObservation.class,
                tag -> assertThat(tag.time()).isEqualTo(java.time.Instant.parse("2008-10-16T08:38:58.970Z")));
    }

    @Test
    void aPullAnswerInOneReadBecomesFourMessagesInOrder() {
        List<Ctp01Inbound> read = feed(channel(), bytes(PULL_EXAMPLE));
        assertThat(read).hasSize(4);
        assertThat(read.get(0)).isEqualTo(new Ctp01Reply.GetDataAck(3));
        assertThat(read.get(1)).isInstanceOf(GunTime.class);
        assertThat(read.subList(2, 4)).extracting(m -> ((TagObservation) m).sequence()).containsExactly(2, 3);
    }

    @Test
    void linesSplitAtEveryBytePositionDecodeTheSame() {
        byte[] all = bytes(PULL_EXAMPLE);
        List<Ctp01Inbound> whole = feed(channel(), all);
        for (int cut = 1; cut < all.length; cut++) {
            byte[] head = Arrays.copyOfRange(all, 0, cut);
            byte[] tail = Arrays.copyOfRange(all, cut, all.length);
            assertThat(feed(channel(), head, tail)).as("cut at %d", cut).isEqualTo(whole);
        }
        byte[][] single = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            single[i] = new byte[] {all[i]};
        }
        assertThat(feed(channel(), single)).as("one byte per read").isEqualTo(whole);
    }

    @Test
    void aBareLineFeedAlsoEndsALine() {
        assertThat(feed(channel(), bytes("ack~ping\nack~getdata~0\n")))
                .containsExactly(new Ctp01Reply.PingAck(), new Ctp01Reply.GetDataAck(0));
    }

    @Test
    void aCarriageReturnWithoutLineFeedDoesNotEndALine() {
        EmbeddedChannel channel = channel();
        assertThat(feed(channel, bytes("ack~ping\r"))).isEmpty();
        List<Ctp01Inbound> read = feed(channel, bytes("ack~getdata~0\r\n"));
        assertThat(read).hasSize(1);
        assertThat(((Ctp01DecodeError) read.get(0)).kind()).isEqualTo(Kind.CONTROL_CHARACTER);
        assertThat(feed(channel, bytes("ack~ping\r\n"))).containsExactly(new Ctp01Reply.PingAck());
    }

    @Test
    void emptyLinesAreCountedAndReadingGoesOn() {
        List<Ctp01Inbound> read = feed(channel(), bytes("\r\n\r\nack~ping\r\n"));
        assertThat(read).hasSize(3);
        assertThat(read.subList(0, 2)).allSatisfy(m -> assertThat(((Ctp01DecodeError) m).kind()).isEqualTo(Kind.EMPTY_LINE));
        assertThat(read.get(2)).isEqualTo(new Ctp01Reply.PingAck());
    }

    @Test
    void nonUtf8BytesAreAnErrorValueAndTheNextLineIsRead() {
        EmbeddedChannel channel = channel();
        List<Ctp01Inbound> read = feed(channel, new byte[] {'a', (byte) 0xC3, '(', (byte) 0xFF, '\r', '\n'},
                bytes("ack~ping\r\n"));
        assertThat(read).hasSize(2);
        assertThat(((Ctp01DecodeError) read.get(0)).kind()).isEqualTo(Kind.INVALID_ENCODING);
        assertThat(read.get(1)).isEqualTo(new Ctp01Reply.PingAck());
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aLineOfExactlyTheMaximumLengthIsFine() {
        String line = "err~x~" + "m".repeat(MAX - 6);
        assertThat(line).hasSize(MAX);
        assertThat(feed(channel(), bytes(line + "\r\n"))).containsExactly(new Ctp01Reply.ErrorReply("x", "m".repeat(MAX - 6)));
    }

    @Test
    void theLimitIsExactWhereverTheReadsEnd() {
        String longest = "err~x~" + "m".repeat(MAX - 6);
        byte[] line = bytes(longest + "\r\n");
        assertThat(feed(channel(), Arrays.copyOfRange(line, 0, MAX + 1),
                Arrays.copyOfRange(line, MAX + 1, line.length)))
                .as("CR and LF in different reads").hasSize(1);
        EmbeddedChannel oneOver = channel();
        assertThatThrownBy(() -> oneOver.writeInbound(Unpooled.wrappedBuffer(bytes(longest + "m\r\n"))))
                .isInstanceOf(Ctp01LineTooLongException.class);
        EmbeddedChannel oneOverSplit = channel();
        assertThatThrownBy(() -> {
            oneOverSplit.writeInbound(Unpooled.wrappedBuffer(bytes(longest + "m")));
            oneOverSplit.writeInbound(Unpooled.wrappedBuffer(bytes("\r")));
            oneOverSplit.writeInbound(Unpooled.wrappedBuffer(bytes("\n")));
        }).isInstanceOf(Ctp01LineTooLongException.class);
    }

    @Test
    void anOverlongLineIsFatalAndNothingAfterItIsDecoded() {
        EmbeddedChannel channel = channel();
        byte[] input = bytes("ack~ping\r\n" + "x".repeat(MAX + 1) + "\r\nack~getdata~0\r\n");
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(input)))
                .isInstanceOf(Ctp01LineTooLongException.class)
                .hasMessageContaining(String.valueOf(MAX));
        assertThat(drain(channel)).containsExactly(new Ctp01Reply.PingAck());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("ack~ping\r\n")));
        assertThat(drain(channel)).isEmpty();
    }

    @Test
    void aLineThatNeverEndsIsCutOffWithoutWaitingForItsEnd() {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes("y".repeat(50))));
            }
        }).isInstanceOf(Ctp01LineTooLongException.class);
        assertThat(drain(channel)).isEmpty();
    }

    @Test
    void aConnectionClosedMidLineReportsTheTruncatedLine() {
        EmbeddedChannel channel = channel();
        feed(channel, bytes("ack~ping\r\nCT01_33~1~start~94"));
        channel.finish();
        List<Ctp01Inbound> read = drain(channel);
        assertThat(read).hasSize(1);
        Ctp01DecodeError truncated = (Ctp01DecodeError) read.get(0);
        assertThat(truncated.kind()).isEqualTo(Kind.TRUNCATED_LINE);
        assertThat(truncated.excerpt()).isEqualTo("CT01_33~1~start~94");
    }

    @Test
    void aTruncatedAuthorizeLineIsRedacted() {
        EmbeddedChannel channel = channel();
        feed(channel, bytes("authorize~TimersRus~secretpass"));
        channel.finish();
        Ctp01DecodeError truncated = (Ctp01DecodeError) drain(channel).get(0);
        assertThat(truncated.excerpt()).doesNotContain("secret");
    }

    @Test
    void aCleanCloseReportsNothing() {
        EmbeddedChannel channel = channel();
        assertThat(feed(channel, bytes("ack~ping\r\n"))).hasSize(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aTinyMaximumIsRefused() {
        assertThatThrownBy(() -> Ctp01Codec.install(new EmbeddedChannel().pipeline(),
                new Ctp01LineParser(TimeFormat.UNIX, null), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
