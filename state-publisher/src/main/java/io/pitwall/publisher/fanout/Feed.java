package io.pitwall.publisher.fanout;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of one service (or of "the default service"), grouped by event loop. Publishing
 * schedules one task per event loop that has subscribers; each task offers the shared frame to that
 * loop's subscribers.
 */
public final class Feed {

    private final String key;
    private final Map<EventLoop, LoopSubscribers> loops = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    Feed(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public int size() {
        return size.get();
    }

    /** On the subscriber's event loop. */
    void add(Subscriber s) {
        EventLoop loop = s.channel().eventLoop();
        loops.computeIfAbsent(loop, LoopSubscribers::new).add(s);
        size.incrementAndGet();
        s.attached(this);
    }

    /** On the subscriber's event loop. */
    void remove(Subscriber s) {
        LoopSubscribers group = loops.get(s.channel().eventLoop());
        if (group != null && s.slot >= 0) {
            group.remove(s);
            size.decrementAndGet();
        }
    }

    /**
     * From any thread; the caller keeps (and later releases) its own reference to {@code frame}.
     *
     * @param live true for a change as it happens (its delivery lag is measured), false for a snapshot
     */
    void publish(Frame frame, boolean live) {
        if (size.get() == 0) {
            return;
        }
        for (LoopSubscribers group : loops.values()) {
            group.publish(frame, live);
        }
    }

    void endAll() {
        for (LoopSubscribers group : loops.values()) {
            try {
                group.loop().execute(group::endAll);
            } catch (RuntimeException rejected) {
                // shutting down; the channels close anyway
            }
        }
    }
}
