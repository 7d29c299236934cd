package io.pitwall.ingest.ctp01.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream into lines (CR LF, or a bare LF), failing fast on lines far too long
 * without waiting for their end. Adds one thing to Netty's line decoder: bytes left without a line
 * end when the connection closes are reported as a {@link Ctp01DecodeError.Kind#TRUNCATED_LINE}
 * instead of vanishing, so a client dropping mid-line is visible.
 */
public final class Ctp01LineFramer extends LineBasedFrameDecoder {

    private final int maxLineLength;

    /**
     * @param maxLineLength the longest line, terminator excluded; {@link Ctp01LineDecoder} enforces
     *                      it exactly
     */
    public Ctp01LineFramer(int maxLineLength) {
        // one byte of slack: Netty counts a pending CR against the limit while it waits for the LF,
        // so a line of exactly the maximum would fail or pass depending on where a read ends. The
        // decoder applies the exact limit, making the outcome the same however the bytes arrive.
        super(maxLineLength + 1, true, true);
        this.maxLineLength = maxLineLength;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            String partial = in.toString(in.readerIndex(), Math.min(in.readableBytes(), 128), StandardCharsets.UTF_8);
            out.add(new Ctp01DecodeError(Ctp01DecodeError.Kind.TRUNCATED_LINE, Ctp01LineParser.excerpt(partial),
                    "connection closed after " + in.readableBytes() + " bytes of an unfinished line"));
            in.skipBytes(in.readableBytes());
        }
    }
}
