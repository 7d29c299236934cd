package io.pitwall.simulator.lapsnapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * The simulator's own LapSnapper framing, written from API section 4.1 and deliberately independent of the
 * ingest codec so that each cross-checks the other: {@code id:uint16le, length:uint32le, payload}.
 */
public final class LapSnapperWire {

    public static final int HEADER_LENGTH = 6;

    /** Client requests are a few hundred bytes; anything near this is not a LapSnapper client. */
    public static final int MAX_CLIENT_PAYLOAD = 64 * 1024;

    private LapSnapperWire() {
    }

    /** A frame with a correct header around {@code payload}. */
    public static ByteBuf frame(ByteBufAllocator alloc, int messageId, byte[] payload) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + payload.length);
        out.writeShortLE(messageId);
        out.writeIntLE(payload.length);
        out.writeBytes(payload);
        return out;
    }

    /** Splits inbound bytes into {@link RawFrame}s; closes the connection on an implausible length. */
    static final class FrameReader extends ByteToMessageDecoder {

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= HEADER_LENGTH) {
                int start = in.readerIndex();
                int messageId = in.getUnsignedShortLE(start);
                long length = in.getUnsignedIntLE(start + 2);
                if (length > MAX_CLIENT_PAYLOAD) {
                    in.skipBytes(in.readableBytes());
                    throw new CorruptedFrameException("client frame " + messageId + " declares " + length + " bytes");
                }
                if (in.readableBytes() < HEADER_LENGTH + length) {
                    return;
                }
                byte[] bytes = new byte[HEADER_LENGTH + (int) length];
                in.readBytes(bytes);
                out.add(new RawFrame(messageId, bytes));
            }
        }
    }
}
