package io.pitwall.publisher.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;

/**
 * One document encoded once for every transport, shared by every subscriber. Each write sends a
 * {@code retainedDuplicate()} of these buffers, so ten thousand clients cost ten thousand small
 * index objects, not ten thousand copies. Reference counted: the {@link FrameCache} holds one
 * reference, each subscriber's pending slot one, and the buffers are freed when the last goes.
 */
public final class Frame extends AbstractReferenceCounted {

    private final DocumentKind kind;
    private final Document document;
    private final ByteBuf t71Text;
    private final ByteBuf t71Deflated;
    private final ByteBuf sseEvent;

    Frame(DocumentKind kind, Document document, ByteBuf t71Text, ByteBuf t71Deflated, ByteBuf sseEvent) {
        this.kind = kind;
        this.document = document;
        this.t71Text = t71Text;
        this.t71Deflated = t71Deflated;
        this.sseEvent = sseEvent;
    }

    public DocumentKind kind() {
        return kind;
    }

    public Document document() {
        return document;
    }

    /** The Timing71 message ({@code {"type":"STATE_UPDATE","state":…}}) as UTF-8 JSON. Do not modify; duplicate it. */
    public ByteBuf t71Text() {
        return t71Text;
    }

    /**
     * The same message as a permessage-deflate payload, compressed once with no reference to earlier
     * messages (which every permessage-deflate peer must accept); null when compression is off.
     */
    public ByteBuf t71Deflated() {
        return t71Deflated;
    }

    /** The document as one Server-Sent Event ({@code event: state\ndata: {...}\n\n}). */
    public ByteBuf sseEvent() {
        return sseEvent;
    }

    /** When the publisher read the document from Kafka, the start of delivery lag. */
    public long receivedNanos() {
        return document.receivedNanos();
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    protected void deallocate() {
        t71Text.release();
        if (t71Deflated != null) {
            t71Deflated.release();
        }
        sseEvent.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}
