package io.pitwall.ingest.smartrace.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text through the frame codec and decoder: nothing may escape (every frame decodes to a
 * message or a {@link DecodeError}), decoding is deterministic, messages respect the protocol's
 * ranges, and errors stay loggable.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds under
 * {@code src/test/resources/io/pitwall/ingest/smartrace/codec/SmartraceDecoderFuzzTestInputs/decodeArbitraryText/}
 * as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class SmartraceDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decodeArbitraryText(byte[] input) {
        // lenient UTF-8, as Netty's text frames decode it
        String text = new String(input, StandardCharsets.UTF_8);
        EmbeddedChannel channel = new EmbeddedChannel(new SmartraceFrameCodec());
        channel.writeInbound(new TextWebSocketFrame(text));
        ReceivedFrame frame = channel.readInbound();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();

        assertThat(frame.text()).isEqualTo(text);
        assertThat(new SmartraceDecoder().decode(text)).isEqualTo(frame.inbound());
        checkInvariants(frame.inbound());
    }

    private static void checkInvariants(Inbound inbound) {
        if (inbound instanceof SensorMessage.AnalogLap lap) {
            assertThat(lap.controllerId()).isBetween(SensorMessage.MIN_CONTROLLER, SensorMessage.MAX_CONTROLLER);
            assertThat(lap.timestamp()).isNotNegative();
        } else if (inbound instanceof SensorMessage.PitEnter enter) {
            assertThat(enter.controllerId()).isBetween(SensorMessage.MIN_CONTROLLER, SensorMessage.MAX_CONTROLLER);
            enter.timestamp().ifPresent(ts -> assertThat(ts).isNotNegative());
        } else if (inbound instanceof SensorMessage.PitLeave leave) {
            assertThat(leave.controllerId()).isBetween(SensorMessage.MIN_CONTROLLER, SensorMessage.MAX_CONTROLLER);
            leave.timestamp().ifPresent(ts -> assertThat(ts).isNotNegative());
        } else if (inbound instanceof SensorMessage.ControllerSet set) {
            assertThat(set.controllerId()).isNotEmpty().hasSizeLessThanOrEqualTo(SmartraceDecoder.MAX_CONTROLLER_SET_ID);
        } else if (inbound instanceof DecodeError error) {
            assertThat(error.excerpt().length()).isLessThanOrEqualTo(DecodeError.MAX_EXCERPT + 3);
            assertThat(error.excerpt().chars().noneMatch(Character::isISOControl)).isTrue();
            assertThat(error.detail().chars().noneMatch(Character::isISOControl)).isTrue();
        }
    }
}
