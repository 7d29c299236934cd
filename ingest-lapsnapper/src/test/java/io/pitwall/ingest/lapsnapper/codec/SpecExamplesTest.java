package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.pitwall.ingest.lapsnapper.codec.TestFrames.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** The API document's own binary examples, decoded and re-encoded byte for byte. */
class SpecExamplesTest {

    private static final List<SpecExamples.Example> RECOMPUTED = SpecExamples.RECOMPUTED;

    @Test
    void goldenStartMaticStatusDecodesToTheDocumentedValues() {
        assertThat(decodeAll(SpecExamples.GOLDEN_START_MATIC_STATUS)).containsExactly(
                new StartMaticStatus(new MessageHeader(1_000_000, 520_000), "1234",
                        StartMaticStatus.COUNTDOWN_STARTED, 1, -1));
    }

    @Test
    void goldenStopSessionDecodesToTheDocumentedValues() {
        assertThat(decodeAll(SpecExamples.GOLDEN_STOP_SESSION)).containsExactly(
                new StopSession(new MessageHeader(1_000_000, 520_000), "1234"));
    }

    @Test
    void goldenVectorsReEncodeToTheSameBytes() {
        for (byte[] golden : List.of(SpecExamples.GOLDEN_START_MATIC_STATUS, SpecExamples.GOLDEN_STOP_SESSION)) {
            LapSnapperMessage decoded = (LapSnapperMessage) decodeAll(golden).get(0);
            assertThat(LapSnapperCodec.encode(decoded)).isEqualTo(golden);
        }
    }

    @Test
    void goldenVectorsReEncodeToTheSameBytesThroughThePipelineEncoder() {
        EmbeddedChannel channel = TestFrames.decodingChannel();
        channel.writeOutbound(new StopSession(new MessageHeader(1_000_000, 520_000), "1234"));
        ByteBuf written = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(written)).isEqualTo(SpecExamples.GOLDEN_STOP_SESSION);
        written.release();
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RECOMPUTED")
    void documentExamplesDecodeAndReEncodeInTheDocumentsKeyOrder(SpecExamples.Example example) {
        List<Object> decoded = decodeAll(example.frameBytes());

        assertThat(decoded).hasSize(1).first().isInstanceOf(LapSnapperMessage.class);
        assertThat(((LapSnapperMessage) decoded.get(0)).id().code()).isEqualTo(example.messageId());
        assertThat(LapSnapperCodec.encode((LapSnapperMessage) decoded.get(0))).isEqualTo(example.frameBytes());
    }

    @Test
    void documentTimeEventCarriesTransponderNameTimestampAndLapLine() {
        TimeEvent event = (TimeEvent) decodeAll(RECOMPUTED.get(6).frameBytes()).get(0);

        assertThat(event.transponderId()).isEqualTo(10003);
        assertThat(event.transponderInstance()).isEqualTo(1);
        assertThat(event.transponderName()).isEqualTo("Mark");
        assertThat(event.absoluteTime()).isEqualTo(new AbsoluteTime(157, 1_607_504_803_361L));
        assertThat(event.isLapLine()).isTrue();
    }

    @Test
    void documentStartSessionKeepsTheOddLeaderKey() {
        StartSession start = (StartSession) decodeAll(RECOMPUTED.get(3).frameBytes()).get(0);

        assertThat(start.sessionParameters()).isEqualTo(
                new SessionParameters(0, 1, 0, 1, -1, false, false, false, false));
        assertThat(start.trackSettings()).isEqualTo(
                new TrackSettings(false, 15_000, 5_000, 5_000, 5_000, false, 24_000));
        assertThat(new String(LapSnapperCodec.encode(start), StandardCharsets.UTF_8))
                .contains("\"sessionStopStartsWhenLeaderReachesStopValue\":false");
    }

    @Test
    void aMisprintedDumpIsTreatedAsATruncatedFrameNotMisparsed() {
        // The printed GET SERVER INFORMATION lost a byte: its length field (110) is authoritative, so the
        // decoder must wait for the missing byte instead of decoding 109 bytes as a message.
        EmbeddedChannel channel = TestFrames.decodingChannel();
        TestFrames.feed(channel, SpecExamples.MISPRINTED_SERVER_INFO_REQUEST);
        assertThat(TestFrames.drainInbound(channel)).isEmpty();

        // One more byte (trailing whitespace, which JSON allows) completes the frame.
        TestFrames.feed(channel, new byte[] {' '});
        assertThat(TestFrames.drainInbound(channel)).singleElement().isInstanceOf(ServerInfoRequest.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void everyByteExactExampleFrameHasALengthFieldEqualToItsPayload() {
        for (byte[] golden : List.of(SpecExamples.GOLDEN_START_MATIC_STATUS, SpecExamples.GOLDEN_STOP_SESSION)) {
            int declared = (golden[2] & 0xFF) | (golden[3] & 0xFF) << 8 | (golden[4] & 0xFF) << 16
                    | (golden[5] & 0xFF) << 24;
            assertThat(declared).isEqualTo(golden.length - LapSnapperCodec.HEADER_LENGTH);
        }
        assertThat(Arrays.copyOfRange(SpecExamples.GOLDEN_STOP_SESSION, 0, 6))
                .containsExactly(0x00, 0x19, 0x6A, 0x00, 0x00, 0x00);
    }
}
