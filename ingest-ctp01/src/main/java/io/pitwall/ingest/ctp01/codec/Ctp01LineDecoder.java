package io.pitwall.ingest.ctp01.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Objects;

/**
 * Decodes each framed line into a {@link Ctp01Inbound}: a message or a decode error value. Sits
 * right after {@link Ctp01LineFramer}, applies the exact maximum line length, and turns any
 * overlong line into the documented {@link Ctp01LineTooLongException}; from then on it passes
 * nothing further, so no line read after the fatal one is acted on while the channel closes.
 */
public final class Ctp01LineDecoder extends MessageToMessageDecoder<ByteBuf> {

    private Ctp01LineParser parser;
    private final int maxLineLength;
    private boolean failed;

    public Ctp01LineDecoder(Ctp01LineParser parser, int maxLineLength) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.maxLineLength = maxLineLength;
    }

    /**
     * Reads every following line with {@code next}, e.g. once authentication has identified the
     * venue whose zone and event date venue-local times need. Call on the channel's event loop.
     */
    public void parser(Ctp01LineParser next) {
        this.parser = Objects.requireNonNull(next, "parser");
    }

    public Ctp01LineParser parser() {
        return parser;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        if (line.readableBytes() > maxLineLength) {
            fail(ctx, null);
            return;
        }
        out.add(parser.parse(line));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof TooLongFrameException && !(cause instanceof Ctp01LineTooLongException)) {
            fail(ctx, cause);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            ctx.fireExceptionCaught(new Ctp01LineTooLongException(maxLineLength, cause));
        }
    }
}
