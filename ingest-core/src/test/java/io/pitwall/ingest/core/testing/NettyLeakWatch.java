package io.pitwall.ingest.core.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Runs Netty's leak detector at {@code PARANOID} (every buffer tracked) while open and collects its
 * {@code LEAK:} reports. Netty reports a leak only when a tracked buffer was garbage-collected without
 * being released <em>and</em> a later allocation is tracked, so {@link #leaks()} collects garbage and
 * allocates a few buffers before it answers.
 */
public final class NettyLeakWatch implements AutoCloseable {

    private static final String DETECTOR_LOGGER = ResourceLeakDetector.class.getName();

    private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DETECTOR_LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private NettyLeakWatch() {
        appender.start();
        logger.addAppender(appender);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** Starts watching; open it before the service under test allocates its first buffer. */
    public static NettyLeakWatch paranoid() {
        return new NettyLeakWatch();
    }

    /** The leak reports so far, after giving unreleased buffers every chance to be collected and reported. */
    public List<String> leaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(100);
            // each tracked allocation polls the detector's reference queue and logs what it finds
            for (int i = 0; i < 50; i++) {
                release(PooledByteBufAllocator.DEFAULT.directBuffer(16));
                release(PooledByteBufAllocator.DEFAULT.heapBuffer(16));
                release(UnpooledByteBufAllocator.DEFAULT.directBuffer(16));
            }
        }
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("LEAK")).toList();
        }
    }

    private static void release(ByteBuf buffer) {
        buffer.release();
    }

    @Override
    public void close() {
        ResourceLeakDetector.setLevel(previous);
        logger.detachAppender(appender);
    }
}
