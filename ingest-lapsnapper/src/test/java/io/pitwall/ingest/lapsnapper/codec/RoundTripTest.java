package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.pitwall.ingest.lapsnapper.codec.TestFrames.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Every message type survives encoder → bytes → decoder unchanged. */
class RoundTripTest {

    private static final List<LapSnapperMessage> ALL = SampleMessages.ALL;

    @Test
    void samplesCoverEveryMessageId() {
        Set<MessageId> covered = EnumSet.noneOf(MessageId.class);
        ALL.forEach(m -> covered.add(m.id()));
        assertThat(covered).containsExactlyInAnyOrder(MessageId.values());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ALL")
    void roundTripsThroughAPipeline(LapSnapperMessage message) {
        EmbeddedChannel channel = TestFrames.decodingChannel();
        channel.writeOutbound(message);
        ByteBuf frame = channel.readOutbound();
        channel.writeInbound(frame);

        assertThat((Object) channel.readInbound()).isEqualTo(message);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ALL")
    void writesTheFrameHeaderLittleEndianAndTheIdIntoTheMessageHeader(LapSnapperMessage message) {
        byte[] frame = LapSnapperCodec.encode(message);
        int id = (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8;
        long length = (frame[2] & 0xFFL) | (frame[3] & 0xFFL) << 8 | (frame[4] & 0xFFL) << 16 | (frame[5] & 0xFFL) << 24;
        String json = new String(frame, 6, frame.length - 6, StandardCharsets.UTF_8);

        assertThat(id).isEqualTo(message.id().code());
        assertThat(length).isEqualTo(frame.length - 6);
        assertThat(json).startsWith("{\"messageHeader\":{\"messageID\":" + message.id().code()
                + ",\"lapSnapperProductID\":" + message.header().lapSnapperProductId()
                + ",\"serverVersion\":520000}");
        assertThat(json).as("compact").doesNotContain("\": ", ", \"", "{ ", "\n");
    }

    @Test
    void absentOptionalTimeEventFieldsStayAbsent() {
        TimeEvent bare = new TimeEvent(SampleMessages.SERVER, 5, 1, null, new AbsoluteTime(1, 2), null);
        byte[] frame = LapSnapperCodec.encode(bare);

        assertThat(new String(frame, StandardCharsets.UTF_8)).doesNotContain("transponderName", "lapLine");
        assertThat(decodeAll(frame)).containsExactly(bare);
        assertThat(bare.isLapLine()).isTrue();
    }

    @Test
    void nonAsciiNamesAreUtf8OnTheWire() {
        TimeEvent event = new TimeEvent(SampleMessages.SERVER, 5, 1, "Räikkönen 🏁", new AbsoluteTime(1, 2), 1);
        byte[] frame = LapSnapperCodec.encode(event);

        // Raw UTF-8 rather than JSON escapes: the decoded text only contains the name if the bytes are UTF-8.
        assertThat(new String(frame, StandardCharsets.UTF_8)).contains("\"transponderName\":\"Räikkönen 🏁\"");
    }

    @Test
    void toStringNeverShowsPasswordOrPin() {
        for (LapSnapperMessage message : ALL) {
            assertThat(message.toString()).doesNotContain("1234", "1, 2, 3, 4");
        }
    }
}
