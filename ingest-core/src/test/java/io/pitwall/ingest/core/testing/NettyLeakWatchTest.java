package io.pitwall.ingest.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak watch must see a leak, or the "no leaks" assertions of the fault tests would prove nothing. */
class NettyLeakWatchTest {

    @Test
    void aBufferDroppedWithoutReleaseIsReported() throws Exception {
        try (NettyLeakWatch watch = NettyLeakWatch.paranoid()) {
            leakOneBuffer();
            assertThat(watch.leaks()).isNotEmpty().first().asString().contains("LEAK");
        }
    }

    @Test
    void releasedBuffersAreNotReported() throws Exception {
        try (NettyLeakWatch watch = NettyLeakWatch.paranoid()) {
            for (int i = 0; i < 100; i++) {
                ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                buffer.writeLong(i);
                buffer.release();
            }
            assertThat(watch.leaks()).isEmpty();
        }
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        // dropped without release()
    }
}
