package io.pitwall.publisher.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One benchmark client: a WebSocket client that reads frames straight off the socket buffer, keeps
 * only the first bytes of each message and skips the rest without copying. Each message is timed on
 * arrival and identified by its bytes ({@link UpdateStamps}: the first copy of an update is inflated
 * just far enough to read {@code lastUpdated}, identical copies are matched to it), so the lag is still
 * measured per client and per update. A generator that decoded and inflated whole messages would spend
 * more CPU than the server it measures, on the same two cores. Answers pings, as a browser does.
 */
final class RawT71Client extends ChannelInboundHandlerAdapter {

    /** Connection events for the generator's count. */
    interface Listener {
        void connected(RawT71Client client);

        void disconnected(RawT71Client client);
    }

    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    /** Compressed bytes kept per message: enough for a dynamic Huffman header plus the message start. */
    private static final int KEEP_COMPRESSED = 768;
    private static final int KEEP_PLAIN = 128;

    private final URI uri;
    private final boolean offerDeflate;
    private final Listener listener;
    private final LoopStats stats;
    /** States received; written by the event loop, read by the reporting thread. */
    private volatile long states;

    private boolean upgraded;
    private final StringBuilder response = new StringBuilder();
    private final byte[] header = new byte[10];
    private int headerHave;
    private long payloadLeft = -1;
    private int opcode;
    private boolean rsv1;
    private int payloadSize;
    private final byte[] kept = new byte[KEEP_COMPRESSED];
    private int keptHave;

    RawT71Client(URI uri, boolean offerDeflate, Listener listener, LoopStats stats) {
        this.uri = uri;
        this.offerDeflate = offerDeflate;
        this.listener = listener;
        this.stats = stats;
    }

    long states() {
        return states;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: cGl0d2FsbC1iZW5jaG1hcms=\r\nSec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
                + "\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!upgraded && !readHandshake(ctx, in)) {
                return;
            }
            while (in.isReadable()) {
                if (payloadLeft < 0) {
                    if (!readHeader(in)) {
                        return;
                    }
                }
                int n = (int) Math.min(payloadLeft, in.readableBytes());
                int keep = Math.min(n, kept.length - keptHave);
                if (keep > 0) {
                    in.readBytes(kept, keptHave, keep);
                    keptHave += keep;
                }
                in.skipBytes(n - keep);
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    frameDone(ctx);
                    payloadLeft = -1;
                }
            }
        } finally {
            in.release();
        }
    }

    private boolean readHandshake(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            response.append((char) in.readByte());
            int len = response.length();
            if (len >= 4 && response.charAt(len - 1) == '\n' && response.charAt(len - 2) == '\r'
                    && response.charAt(len - 3) == '\n' && response.charAt(len - 4) == '\r') {
                if (!response.toString().startsWith("HTTP/1.1 101")) {
                    ctx.close();
                    return false;
                }
                upgraded = true;
                listener.connected(this);
                return true;
            }
        }
        return false;
    }

    /** Server frames are unmasked: 2 bytes, then 0, 2 or 8 bytes of extended length. */
    private boolean readHeader(ByteBuf in) {
        while (in.isReadable()) {
            header[headerHave++] = in.readByte();
            if (headerHave < 2) {
                continue;
            }
            int len7 = header[1] & 0x7f;
            int need = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (headerHave < need) {
                continue;
            }
            opcode = header[0] & 0x0f;
            rsv1 = (header[0] & 0x40) != 0;
            long len = len7;
            if (len7 == 126) {
                len = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            } else if (len7 == 127) {
                len = 0;
                for (int i = 2; i < 10; i++) {
                    len = (len << 8) | (header[i] & 0xff);
                }
            }
            payloadLeft = len;
            payloadSize = (int) len;
            headerHave = 0;
            keptHave = 0;
            return true;
        }
        return false;
    }

    private void frameDone(ChannelHandlerContext ctx) {
        switch (opcode) {
            case OP_TEXT -> text();
            case OP_PING -> pong(ctx);
            case OP_CLOSE -> ctx.close();
            default -> {
                // pong or continuation: the publisher sends neither
            }
        }
    }

    private void text() {
        long arrival = System.currentTimeMillis();
        long lastUpdated = stats.stamps.lastUpdated(kept, rsv1 ? keptHave : Math.min(keptHave, KEEP_PLAIN), payloadSize, rsv1);
        stats.message(payloadSize, lastUpdated, arrival);
        if (lastUpdated > 0) {
            states++;
        }
    }

    /** A client's frames are masked; a zero mask leaves the payload as is. */
    private void pong(ChannelHandlerContext ctx) {
        int n = Math.min(keptHave, 125);
        ByteBuf out = ctx.alloc().buffer(6 + n);
        out.writeByte(0x8A).writeByte(0x80 | n).writeInt(0).writeBytes(kept, 0, n);
        ctx.writeAndFlush(out);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (upgraded) {
            listener.disconnected(this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
