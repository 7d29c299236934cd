package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary bytes as one text frame. The decoder must never throw, must give the same answer twice
 * and through the Netty handler, and whatever it returns must keep its promises: a PDU's signed data
 * is a piece of the frame that is itself a JSON object, ids are non-negative, excerpts are short and
 * printable.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds under
 * {@code src/test/resources/io/pitwall/ingest/chronocloud/codec/PduDecoderFuzzTestInputs/decodeArbitraryFrames/}
 * as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class PduDecoderFuzzTest {

    private static final PduDecoder DECODER = new PduDecoder();

    @FuzzTest(maxDuration = "20s")
    void decodeArbitraryFrames(byte[] frame) {
        ChronoCloudInbound first = DECODER.decode(frame);
        assertThat(first).isNotNull();
        assertThat(DECODER.decode(frame)).isEqualTo(first);
        assertThat(throughNetty(frame)).isEqualTo(first);

        if (first instanceof ChronoCloudPdu pdu) {
            Envelope envelope = pdu.envelope();
            assertThat(new String(frame, StandardCharsets.UTF_8)).contains(envelope.signedData());
            assertThat(envelope.signedData()).startsWith("{").endsWith("}");
            assertThat(envelope.signature().candidates()).isNotNull();
            if (pdu instanceof PassingPdu passing) {
                assertThat(passing.id().value()).isNotNegative();
                assertThat(Confirmation.bumb(passing.id()).text()).matches("bumb-[0-9]{1,18}");
            }
        } else {
            PduDecodeError error = (PduDecodeError) first;
            // at most 60 characters of the frame, each shown as itself or as an escape of up to 6
            assertThat(error.excerpt().codePointCount(0, error.excerpt().length()))
                    .isLessThanOrEqualTo(PduDecodeError.EXCERPT_LENGTH * 6 + 3);
            assertThat(error.excerpt().codePoints().noneMatch(Character::isISOControl)).isTrue();
            assertThat(error.detail().codePoints().noneMatch(Character::isISOControl)).isTrue();
        }
    }

    private static ChronoCloudInbound throughNetty(byte[] frame) {
        EmbeddedChannel channel = new EmbeddedChannel(new PduFrameDecoder(DECODER));
        try {
            channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
            return channel.readInbound();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
