package io.pitwall.ingest.smartrace.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Between (aggregated) WebSocket data frames and typed messages. Inbound, every text frame becomes a
 * {@link ReceivedFrame} carrying its exact text (for the bridge) and what it decodes to; a binary
 * frame becomes a {@link DecodeError} of kind {@code binary_frame}, since Smartrace speaks text only.
 * Outbound, {@link ServerMessage}s become text frames; anything else (a relayed frame) passes through.
 */
public final class SmartraceFrameCodec extends MessageToMessageCodec<WebSocketFrame, ServerMessage> {

    private final SmartraceDecoder decoder = new SmartraceDecoder();
    private final SmartraceEncoder encoder = new SmartraceEncoder();

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame text) {
            String content = text.text();
            out.add(new ReceivedFrame(content, decoder.decode(content)));
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new ReceivedFrame(null, new DecodeError(DecodeError.Kind.BINARY_FRAME,
                    "binary frame of " + frame.content().readableBytes() + " bytes", "")));
        } else {
            // ping/pong/close are answered by the WebSocket protocol handler before this one
            out.add(frame.retain());
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerMessage message, List<Object> out) {
        out.add(new TextWebSocketFrame(encoder.encode(message)));
    }
}
