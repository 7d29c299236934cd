package io.pitwall.publisher.fanout;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import java.util.concurrent.TimeUnit;

/**
 * One connected client of a {@link Feed}, with per-client conflation: it holds at most one pending
 * frame per document kind. While its socket is writable a new frame goes straight out; while it is
 * not (the client reads slower than we send), a newer frame replaces the pending one, so a slow client
 * costs at most three pending references and, when it catches up, gets the newest snapshot — never a
 * growing queue. A client that stays unwritable for the slow-client timeout is disconnected.
 *
 * <p>Every method runs on the channel's event loop; nothing here is shared between threads except the
 * reference-counted frames.
 */
public abstract class Subscriber {

    private static final DocumentKind[] KINDS = DocumentKind.values();

    protected final Channel channel;
    private final Transport transport;
    private final FanoutSettings settings;
    protected final PublisherMetrics metrics;

    private final Frame[] pending = new Frame[KINDS.length];
    /** Whether the pending frame is a live change (timed as delivery lag) or the snapshot a joining client gets. */
    private final boolean[] pendingLive = new boolean[KINDS.length];
    /** Identity of the last document offered per kind: a frame can reach us twice while subscribing. */
    private final Document[] lastOffered = new Document[KINDS.length];

    private Feed feed;
    private ScheduledFuture<?> keepalive;
    private ScheduledFuture<?> stallCheck;
    private long lastWriteNanos = System.nanoTime();
    private long unwritableSinceNanos;
    private boolean detached;
    private boolean counted;

    /** Position in its {@link LoopSubscribers}, maintained there. */
    int slot = -1;

    protected Subscriber(Channel channel, Transport transport, FanoutSettings settings, PublisherMetrics metrics) {
        this.channel = channel;
        this.transport = transport;
        this.settings = settings;
        this.metrics = metrics;
    }

    public Transport transport() {
        return transport;
    }

    public Channel channel() {
        return channel;
    }

    /** Called by {@link Feed#add}; starts keepalives. */
    final void attached(Feed feed) {
        this.feed = feed;
        metrics.clients(transport).incrementAndGet();
        counted = true;
        long every = settings.keepaliveInterval().toNanos();
        keepalive = channel.eventLoop().scheduleAtFixedRate(this::keepaliveTick, every, every, TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener((ChannelFutureListener) f -> detach());
    }

    /**
     * Takes a new frame. The caller keeps its own reference; we retain what we hold.
     *
     * @param live   true for a change as it happens, false for the current snapshot handed to a joining client
     * @param missed updates of this feed its event loop skipped (a newer one arrived first), counted as conflated
     */
    final void offer(Frame frame, boolean live, int missed) {
        if (detached) {
            return;
        }
        if (missed > 0) {
            metrics.conflated(transport, missed);
        }
        int k = frame.kind().ordinal();
        if (lastOffered[k] == frame.document()) {
            return;
        }
        lastOffered[k] = frame.document();
        Frame replaced = pending[k];
        if (replaced != null) {
            replaced.release();
            metrics.conflated(transport);
        }
        pending[k] = frame.retain();
        pendingLive[k] = live;
        drain();
    }

    /** Writes pending frames in manifest, state, analysis order while the socket takes them. */
    private void drain() {
        boolean wrote = false;
        for (int k = 0; k < KINDS.length && channel.isWritable(); k++) {
            Frame frame = pending[k];
            if (frame == null) {
                continue;
            }
            pending[k] = null;
            try {
                deliver(frame, pendingLive[k]);
            } finally {
                frame.release();
            }
            wrote = true;
        }
        if (wrote) {
            lastWriteNanos = System.nanoTime();
            channel.flush();
        }
    }

    private void deliver(Frame frame, boolean live) {
        if (!live) {
            // a snapshot may have been read from Kafka long before this client came: not a lag
            metrics.sent(transport, write(frame, channel.voidPromise()));
            return;
        }
        long receivedNanos = frame.receivedNanos();
        ChannelPromise promise = channel.newPromise();
        metrics.sent(transport, write(frame, promise));
        promise.addListener(f -> {
            if (f.isSuccess()) {
                metrics.deliveryLag(transport, System.nanoTime() - receivedNanos);
            }
        });
    }

    /** The transport writes its message for {@code frame} (from retained duplicates) and returns the payload size. */
    protected abstract int write(Frame frame, ChannelPromise promise);

    /** The transport's "still here" message for an idle connection. */
    protected abstract void writeKeepalive();

    /** The service ended: tell the client in the transport's terms and close. */
    protected abstract void endOfService();

    /** Called by the transport's handler on {@code channelWritabilityChanged}. */
    public final void writabilityChanged() {
        if (channel.isWritable()) {
            unwritableSinceNanos = 0;
            if (stallCheck != null) {
                stallCheck.cancel(false);
                stallCheck = null;
            }
            drain();
        } else if (unwritableSinceNanos == 0) {
            unwritableSinceNanos = System.nanoTime();
            stallCheck = channel.eventLoop().schedule(this::stallCheck,
                    settings.slowClientTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void stallCheck() {
        stallCheck = null;
        if (!channel.isWritable() && unwritableSinceNanos != 0) {
            metrics.slowDisconnect(transport);
            channel.close();
        }
    }

    private void keepaliveTick() {
        if (!channel.isWritable()) {
            return;
        }
        if (probesPeer() || System.nanoTime() - lastWriteNanos >= settings.keepaliveInterval().toNanos()) {
            writeKeepalive();
        }
    }

    /**
     * True when the keepalive is also how we learn the peer is alive (a WebSocket ping, answered by a
     * pong that resets the read-idle timeout): then it is sent even while updates flow, or a client
     * that never talks would be cut off at idle.timeout in the middle of a busy session.
     */
    protected boolean probesPeer() {
        return false;
    }

    final void serviceEnded() {
        if (!detached) {
            endOfService();
        }
    }

    /** Leaves the feed and drops pending frames; idempotent, runs when the channel closes. */
    final void detach() {
        if (detached) {
            return;
        }
        detached = true;
        if (feed != null) {
            feed.remove(this);
        }
        if (counted) {
            metrics.clients(transport).decrementAndGet();
        }
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        for (int k = 0; k < pending.length; k++) {
            if (pending[k] != null) {
                pending[k].release();
                pending[k] = null;
            }
        }
    }

    final boolean isDetached() {
        return detached;
    }
}
