package io.pitwall.publisher.fanout;

import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.ServiceSnapshot;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.store.StoreListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects the store to subscribers: one {@link Feed} per watched service plus the default feed,
 * which follows whichever service is the default (a venue's next session, say) without the client
 * reconnecting. Encodes a changed document only when someone is watching it.
 *
 * <p>Why the ordering is safe without locks: a subscriber first joins its feed, then reads the store;
 * the Kafka thread first writes the store, then looks for subscribers. Whichever comes second sees the
 * other, so a joining client gets either the new document from its own read or the published frame —
 * possibly both, which {@link Subscriber} ignores by document identity.
 */
public final class FeedHub implements StoreListener {

    private final ServiceStore store;
    private final FrameEncoder encoder;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, FrameCache> caches = new ConcurrentHashMap<>();
    private final Feed defaultFeed = new Feed("(default)");

    public FeedHub(ServiceStore store, FrameEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    /**
     * Subscribes to one service, on the subscriber's event loop. The client gets the current manifest,
     * state and analysis at once and every change after; if the service is gone it is told so.
     */
    public void subscribe(String uuid, Subscriber subscriber) {
        Feed feed = feeds.computeIfAbsent(uuid, Feed::new);
        feed.add(subscriber);
        Optional<ServiceSnapshot> snapshot = store.get(uuid);
        if (snapshot.isEmpty()) {
            subscriber.serviceEnded();
            return;
        }
        offerAll(snapshot.get(), subscriber);
    }

    /** Subscribes to whatever service is the default, now and later. */
    public void subscribeDefault(Subscriber subscriber) {
        defaultFeed.add(subscriber);
        store.defaultService().ifPresent(s -> offerAll(s, subscriber));
    }

    public int subscribers(String uuid) {
        Feed feed = feeds.get(uuid);
        return feed == null ? 0 : feed.size();
    }

    private void offerAll(ServiceSnapshot snapshot, Subscriber subscriber) {
        for (DocumentKind kind : DocumentKind.values()) {
            Document doc = snapshot.document(kind);
            if (doc != null) {
                Frame frame = cache(snapshot.uuid()).frameFor(kind, doc);
                try {
                    subscriber.offer(frame, false, 0);
                } finally {
                    frame.release();
                }
            }
        }
    }

    private FrameCache cache(String uuid) {
        return caches.computeIfAbsent(uuid, u -> new FrameCache(encoder));
    }

    @Override
    public void documentChanged(ServiceSnapshot current, DocumentKind kind) {
        Feed feed = feeds.get(current.uuid());
        boolean forService = feed != null && feed.size() > 0;
        boolean forDefault = defaultFeed.size() > 0
                && store.defaultService().map(d -> d.uuid().equals(current.uuid())).orElse(false);
        if (!forService && !forDefault) {
            // nobody watching: drop the stale frame rather than encode one no one reads
            FrameCache idle = caches.get(current.uuid());
            if (idle != null) {
                idle.evict(kind);
            }
            return;
        }
        Frame frame = cache(current.uuid()).frameFor(kind, current.document(kind));
        try {
            if (forService) {
                feed.publish(frame, true);
            }
            if (forDefault) {
                defaultFeed.publish(frame, true);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void serviceRemoved(ServiceSnapshot last) {
        Feed feed = feeds.remove(last.uuid());
        if (feed != null) {
            feed.endAll();
        }
        FrameCache cache = caches.remove(last.uuid());
        if (cache != null) {
            cache.close();
        }
    }

    @Override
    public void defaultChanged(ServiceSnapshot current) {
        if (current == null || defaultFeed.size() == 0) {
            // default subscribers keep what they show and wait for the next default service
            return;
        }
        for (DocumentKind kind : DocumentKind.values()) {
            Document doc = current.document(kind);
            if (doc != null) {
                Frame frame = cache(current.uuid()).frameFor(kind, doc);
                try {
                    defaultFeed.publish(frame, false);
                } finally {
                    frame.release();
                }
            }
        }
    }
}
