package io.pitwall.publisher.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Encodes a document into a {@link Frame}: the Timing71 envelope, its permessage-deflate form and the
 * SSE event. This is the only place bytes for subscribers are produced, once per update.
 */
public final class FrameEncoder {

    private static final byte[] MANIFEST_PREFIX = ascii("{\"type\":\"MANIFEST_UPDATE\",\"manifest\":");
    private static final byte[] STATE_PREFIX = ascii("{\"type\":\"STATE_UPDATE\",\"state\":");
    private static final byte[] ANALYSIS_PREFIX = ascii("{\"type\":\"ANALYSIS_STATE\",\"data\":");
    private static final byte[] SUFFIX = ascii("}");
    /** RFC 7692 §7.2.1: a sender removes the 0x00 0x00 0xff 0xff that ends every sync-flushed message. */
    private static final int DEFLATE_TAIL = 4;

    private final ByteBufAllocator allocator;
    private final boolean compress;
    private final int compressionLevel;

    public FrameEncoder(ByteBufAllocator allocator, boolean compress, int compressionLevel) {
        this.allocator = allocator;
        this.compress = compress;
        this.compressionLevel = compressionLevel;
    }

    public Frame encode(DocumentKind kind, Document document) {
        byte[] t71 = t71Message(kind, document.bytes());
        ByteBuf text = webSocketFrame(t71, false);
        ByteBuf deflated = compress ? webSocketFrame(deflate(t71), true) : null;
        ByteBuf sse = direct(sseEvent(kind, document.bytes()));
        return new Frame(kind, document, text, deflated, sse);
    }

    /**
     * A whole final text frame, header included. A server's frames are not masked (RFC 6455 §5.1), so
     * the frame is the same for every client and is built once, not by each connection's encoder.
     *
     * @param rsv1 set for a permessage-deflate payload
     */
    private ByteBuf webSocketFrame(byte[] payload, boolean rsv1) {
        int n = payload.length;
        int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
        ByteBuf buf = allocator.directBuffer(header + n, header + n);
        buf.writeByte(0x80 | (rsv1 ? 0x40 : 0) | 0x1); // FIN, RSV1, opcode text
        if (n <= 125) {
            buf.writeByte(n);
        } else if (n <= 0xFFFF) {
            buf.writeByte(126).writeShort(n);
        } else {
            buf.writeByte(127).writeLong(n);
        }
        buf.writeBytes(payload);
        return buf;
    }

    /** The Timing71 command-line server protocol message for a document: full snapshots, never deltas. */
    public static byte[] t71Message(DocumentKind kind, byte[] json) {
        byte[] prefix = switch (kind) {
            case MANIFEST -> MANIFEST_PREFIX;
            case STATE -> STATE_PREFIX;
            case ANALYSIS -> ANALYSIS_PREFIX;
        };
        byte[] out = new byte[prefix.length + json.length + SUFFIX.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(json, 0, out, prefix.length, json.length);
        System.arraycopy(SUFFIX, 0, out, prefix.length + json.length, SUFFIX.length);
        return out;
    }

    static byte[] sseEvent(DocumentKind kind, byte[] json) {
        // the JSON is compact (no raw line breaks), so it is one data line
        byte[] head = ascii("event: " + sseEventName(kind) + "\ndata: ");
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    public static String sseEventName(DocumentKind kind) {
        return switch (kind) {
            case MANIFEST -> "manifest";
            case STATE -> "state";
            case ANALYSIS -> "analysis";
        };
    }

    byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(compressionLevel, true);
        try {
            deflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 4 + 64);
            byte[] chunk = new byte[8192];
            int n;
            // SYNC_FLUSH until the deflater stops filling the whole chunk: then all input is out
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] all = out.toByteArray();
            byte[] payload = new byte[all.length - DEFLATE_TAIL];
            System.arraycopy(all, 0, payload, 0, payload.length);
            return payload;
        } finally {
            deflater.end();
        }
    }

    private ByteBuf direct(byte[] bytes) {
        ByteBuf buf = allocator.directBuffer(bytes.length, bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
