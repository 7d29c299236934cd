package io.pitwall.ingest.chronocloud.codec;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** Writes a {@link Confirmation} as one text frame holding exactly its text. */
@Sharable
public final class ConfirmationEncoder extends MessageToMessageEncoder<Confirmation> {

    public ConfirmationEncoder() {
        super(Confirmation.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Confirmation confirmation, List<Object> out) {
        out.add(new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), confirmation.text())));
    }
}
