package io.pitwall.publisher.rmonitor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.ServiceSnapshot;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.store.StoreListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The RMonitor stream of the default service: turns each state change into the records that changed,
 * sends a {@code $F} heartbeat every second, and gives a receiver that connects (or falls behind and
 * catches up) a fresh {@code $I} and full picture. Latin-1 on the wire, as the scoreboards that read
 * this protocol expect.
 */
public final class RMonitorFeed implements StoreListener, AutoCloseable {

    private final ServiceStore store;
    private final RMonitorModel model;
    private final Set<RMonitorClient> clients = ConcurrentHashMap.newKeySet();
    private String followed;
    private ScheduledFuture<?> heartbeat;

    public RMonitorFeed(ServiceStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.model = new RMonitorModel(clock, zone);
    }

    /** Starts the once-a-second heartbeat on one of {@code loops}. */
    public void start(EventLoopGroup loops) {
        synchronized (this) {
            ServiceSnapshot current = store.defaultService().orElse(null);
            followed = current == null ? null : current.uuid();
            model.reset(current);
        }
        heartbeat = loops.next().scheduleAtFixedRate(this::heartbeat, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void documentChanged(ServiceSnapshot current, DocumentKind kind) {
        if (kind == DocumentKind.ANALYSIS) {
            return;
        }
        RMonitorBatch batch;
        synchronized (this) {
            if (!current.uuid().equals(followed)) {
                return;
            }
            List<String> records = model.update(current);
            if (records.isEmpty()) {
                return;
            }
            long received = current.state() == null ? 0 : current.state().receivedNanos();
            batch = new RMonitorBatch(encode(records), model.version(), received, false);
        }
        broadcast(batch);
    }

    @Override
    public void serviceRemoved(ServiceSnapshot last) {
        // the store announces the new default (or none) right after; that resets the receivers
    }

    @Override
    public void defaultChanged(ServiceSnapshot current) {
        RMonitorBatch batch;
        synchronized (this) {
            followed = current == null ? null : current.uuid();
            List<String> records = model.reset(current);
            batch = new RMonitorBatch(encode(records), model.version(), 0, false);
        }
        broadcast(batch);
    }

    private void heartbeat() {
        RMonitorBatch batch;
        synchronized (this) {
            batch = new RMonitorBatch(encode(List.of(model.heartbeat())), model.version(), 0, true);
        }
        broadcast(batch);
    }

    /** What a new or resynchronising receiver gets, and the version it is then at. */
    synchronized RMonitorBatch fullSnapshot() {
        return new RMonitorBatch(encode(model.fullSnapshot()), model.version(), 0, false);
    }

    void join(RMonitorClient client) {
        clients.add(client);
    }

    void leave(RMonitorClient client) {
        clients.remove(client);
    }

    private void broadcast(RMonitorBatch batch) {
        try {
            for (RMonitorClient client : clients) {
                client.offer(batch);
            }
        } finally {
            batch.bytes().release();
        }
    }

    static ByteBuf encode(List<String> records) {
        StringBuilder sb = new StringBuilder();
        for (String r : records) {
            sb.append(r).append("\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf buf = Unpooled.directBuffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }
}
