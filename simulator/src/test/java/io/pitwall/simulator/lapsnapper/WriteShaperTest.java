package io.pitwall.simulator.lapsnapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCP segmentation faults, observed write by write. */
class WriteShaperTest {

    private static final byte[] FRAME = RawClient.frame(6110, RawClient.header(6110) + ",\"transponderID\":1}");

    private static List<byte[]> writes(EmbeddedChannel channel) {
        List<byte[]> writes = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            writes.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return writes;
    }

    private static byte[] joined(List<byte[]> writes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writes.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void withoutFaultsAFrameIsOneWrite() {
        EmbeddedChannel channel = new EmbeddedChannel(new WriteShaper(new LapSnapperFaults()));
        channel.writeAndFlush(Unpooled.wrappedBuffer(FRAME));

        assertThat(writes(channel)).singleElement().isEqualTo(FRAME);
    }

    @Test
    void splitWritesCutAFrameIntoTinyPiecesInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new WriteShaper(new LapSnapperFaults().splitWrites(true)));
        boolean written = channel.writeAndFlush(Unpooled.wrappedBuffer(FRAME)).isSuccess();

        List<byte[]> writes = writes(channel);
        assertThat(written).as("the caller's promise completes").isTrue();
        assertThat(writes.size()).isGreaterThanOrEqualTo(FRAME.length / WriteShaper.MAX_SPLIT_PIECE);
        assertThat(writes).allSatisfy(w -> assertThat(w.length).isBetween(1, WriteShaper.MAX_SPLIT_PIECE));
        assertThat(joined(writes)).isEqualTo(FRAME);
    }

    @Test
    void coalescingPutsSeveralFramesIntoOneWrite() {
        EmbeddedChannel channel = new EmbeddedChannel(new WriteShaper(new LapSnapperFaults().coalesceFrames(3)));
        for (int i = 0; i < 3; i++) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(FRAME));
        }

        assertThat(writes(channel)).singleElement().isEqualTo(joined(List.of(FRAME, FRAME, FRAME)));
    }

    @Test
    void aPartialCoalescedBatchLeavesAfterTheLingerTime() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new WriteShaper(new LapSnapperFaults().coalesceFrames(3)));
        channel.writeAndFlush(Unpooled.wrappedBuffer(FRAME));
        assertThat(writes(channel)).isEmpty();

        TimeUnit.MILLISECONDS.sleep(WriteShaper.COALESCE_LINGER_MILLIS + 30);
        channel.runPendingTasks();
        assertThat(writes(channel)).singleElement().isEqualTo(FRAME);
    }

    @Test
    void switchingCoalescingOffSendsHeldFramesFirst() {
        LapSnapperFaults faults = new LapSnapperFaults().coalesceFrames(5);
        EmbeddedChannel channel = new EmbeddedChannel(new WriteShaper(faults));
        channel.writeAndFlush(Unpooled.wrappedBuffer("first".getBytes(StandardCharsets.US_ASCII)));
        faults.coalesceFrames(0);
        channel.writeAndFlush(Unpooled.wrappedBuffer("second".getBytes(StandardCharsets.US_ASCII)));

        assertThat(writes(channel)).extracting(w -> new String(w, StandardCharsets.US_ASCII))
                .containsExactly("first", "second");
    }
}
