package io.pitwall.ingest.chronocloud.codec;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Turns complete WebSocket data frames into {@link ChronoCloudInbound} messages: a text frame into a
 * PDU or a {@link PduDecodeError}, a binary frame into a {@link DecodeErrorKind#BINARY_FRAME} error.
 * Control frames pass through untouched. Must follow a {@code WebSocketFrameAggregator}, so a
 * fragmented message arrives here whole.
 */
public final class PduFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final PduDecoder decoder;

    public PduFrameDecoder(PduDecoder decoder) {
        super(WebSocketFrame.class);
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame) {
            // PDUs are a few hundred bytes; one copy lets the parser and the signature check share a byte[]
            out.add(decoder.decode(ByteBufUtil.getBytes(frame.content())));
        } else if (frame instanceof BinaryWebSocketFrame) {
            byte[] bytes = ByteBufUtil.getBytes(frame.content(), frame.content().readerIndex(),
                    Math.min(frame.content().readableBytes(), PduDecodeError.EXCERPT_LENGTH * 4));
            out.add(PduDecodeError.of(DecodeErrorKind.BINARY_FRAME,
                    "a binary frame of " + frame.content().readableBytes() + " bytes; ChronoCloud 2 sends text", bytes));
        } else {
            out.add(ReferenceCountUtil.retain(frame));
        }
    }
}
