package io.pitwall.ingest.ctp01.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes {@link Ctp01Outbound} messages as UTF-8 lines, each ended by CR LF. */
@Sharable
public final class Ctp01LineEncoder extends MessageToByteEncoder<Ctp01Outbound> {

    private static final byte[] CRLF = {'\r', '\n'};

    public Ctp01LineEncoder() {
        super(Ctp01Outbound.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Ctp01Outbound message, ByteBuf out) {
        for (String line : Ctp01LineWriter.lines(message)) {
            out.writeCharSequence(line, StandardCharsets.UTF_8);
            out.writeBytes(CRLF);
        }
    }
}
