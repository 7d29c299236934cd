package io.pitwall.publisher.fanout;

import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;

/**
 * The encoded frames of one service's current documents. Encoding happens at most once per document,
 * on whichever thread first needs it: the Kafka follower when subscribers are waiting, or an event
 * loop when the first subscriber of a quiet service arrives.
 */
final class FrameCache {

    private final FrameEncoder encoder;
    private final Frame[] frames = new Frame[DocumentKind.values().length];
    private boolean closed;

    FrameCache(FrameEncoder encoder) {
        this.encoder = encoder;
    }

    /** The frame of {@code document}, retained for the caller, who must release it. */
    synchronized Frame frameFor(DocumentKind kind, Document document) {
        int k = kind.ordinal();
        Frame cached = frames[k];
        if (cached != null && cached.document() == document) {
            return cached.retain();
        }
        Frame fresh = encoder.encode(kind, document);
        if (closed) {
            // the service ended meanwhile: hand out a one-off frame that only the caller holds
            return fresh;
        }
        if (cached != null) {
            cached.release();
        }
        frames[k] = fresh;
        return fresh.retain();
    }

    /** Drops a frame nobody is waiting for, so an unwatched service holds no encoded bytes. */
    synchronized void evict(DocumentKind kind) {
        int k = kind.ordinal();
        if (frames[k] != null) {
            frames[k].release();
            frames[k] = null;
        }
    }

    synchronized void close() {
        closed = true;
        for (DocumentKind kind : DocumentKind.values()) {
            evict(kind);
        }
    }
}
