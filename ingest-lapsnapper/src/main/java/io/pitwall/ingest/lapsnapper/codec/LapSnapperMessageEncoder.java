package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes any {@link LapSnapperMessage} as one frame: id and payload length little-endian, then compact JSON in
 * the API document's key order. Used in both directions (client requests and remote control, server replies
 * and events). Stateless and therefore sharable.
 */
@ChannelHandler.Sharable
public final class LapSnapperMessageEncoder extends MessageToByteEncoder<LapSnapperMessage> {

    public LapSnapperMessageEncoder() {
        super(LapSnapperMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LapSnapperMessage message, ByteBuf out) {
        LapSnapperCodec.encode(message, out);
    }
}
