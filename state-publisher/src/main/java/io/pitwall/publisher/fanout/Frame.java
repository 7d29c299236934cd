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
    private final ByteBuf t71TextFrame;
    private final ByteBuf t71DeflatedFrame;
    private final ByteBuf t71Text;
    private final ByteBuf t71Deflated;
    private final ByteBuf sseEvent;

    /** @param t71TextFrame, t71DeflatedFrame whole WebSocket frames (header + payload); the latter null without compression */
    Frame(DocumentKind kind, Document document, ByteBuf t71TextFrame, ByteBuf t71DeflatedFrame, ByteBuf sseEvent) {
        this.kind = kind;
        this.document = document;
        this.t71TextFrame = t71TextFrame;
        this.t71DeflatedFrame = t71DeflatedFrame;
        this.t71Text = payload(t71TextFrame);
        this.t71Deflated = t71DeflatedFrame == null ? null : payload(t71DeflatedFrame);
        this.sseEvent = sseEvent;
    }

    /** The payload of a server frame: after the 2-byte header and its 0, 2 or 8 bytes of extended length. */
    private static ByteBuf payload(ByteBuf frame) {
        int len7 = frame.getByte(frame.readerIndex() + 1) & 0x7f;
        int header = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        return frame.slice(frame.readerIndex() + header, frame.readableBytes() - header);
    }

    /**
     * The Timing71 message as a whole WebSocket text frame, header included, ready for the socket: a server
     * does not mask, so these bytes are the same for every client. Do not modify; duplicate it.
     */
    public ByteBuf t71TextFrame() {
        return t71TextFrame;
    }

    /** The permessage-deflate message as a whole WebSocket frame with RSV1 set; null when compression is off. */
    public ByteBuf t71DeflatedFrame() {
        return t71DeflatedFrame;
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
        // the payloads are slices of the frames: releasing the frames frees them
        t71TextFrame.release();
        if (t71DeflatedFrame != null) {
            t71DeflatedFrame.release();
        }
        sseEvent.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}
