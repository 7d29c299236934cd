package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Turns each frame from {@link LapSnapperFrameDecoder} into one {@link DecodeResult}: a typed
 * {@link LapSnapperMessage}, or a {@link DecodeError} for an unknown id or a payload that is not the message
 * its id promises. Never throws for bad content: the frame boundary is intact, so the connection goes on and
 * the session decides what an error means. Stateless and therefore sharable.
 */
@ChannelHandler.Sharable
public final class LapSnapperMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    public LapSnapperMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(LapSnapperCodec.decodeFrame(frame));
    }
}
