package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.nio.ByteOrder;

/**
 * Cuts the TCP byte stream into LapSnapper frames: 2-byte message id and 4-byte payload length, both
 * little-endian, then exactly that many payload bytes. Emits each whole frame, header included, as a
 * {@link ByteBuf} for {@link LapSnapperMessageDecoder}; a partial frame waits for more bytes.
 *
 * <p>A header declaring more than {@code maxPayloadLength} bytes raises {@link LapSnapperFrameTooLongException}
 * down the pipeline and closes the channel: with the length field wrong there is no way back to a frame
 * boundary, so Netty's usual "discard the long frame and resume" would only decode garbage. The check runs on
 * the header alone, so memory never grows towards a declared length. Not sharable: it holds the stream state.
 */
public final class LapSnapperFrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final int LENGTH_FIELD_OFFSET = 2;
    private static final int LENGTH_FIELD_LENGTH = 4;

    private final int maxPayloadLength;
    private boolean failed;

    /** A decoder with the default limit of {@value LapSnapperCodec#DEFAULT_MAX_PAYLOAD_LENGTH} payload bytes. */
    public LapSnapperFrameDecoder() {
        this(LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH);
    }

    /** @param maxPayloadLength the largest JSON payload accepted, in bytes, header not included */
    public LapSnapperFrameDecoder(int maxPayloadLength) {
        super(ByteOrder.LITTLE_ENDIAN, checkedFrameLength(maxPayloadLength), LENGTH_FIELD_OFFSET,
                LENGTH_FIELD_LENGTH, 0, 0, true);
        this.maxPayloadLength = maxPayloadLength;
    }

    private static int checkedFrameLength(int maxPayloadLength) {
        if (maxPayloadLength < 0 || maxPayloadLength > Integer.MAX_VALUE - LapSnapperCodec.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPayloadLength out of range: " + maxPayloadLength);
        }
        return maxPayloadLength + LapSnapperCodec.HEADER_LENGTH;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            // Bytes still arriving after a fatal header: nothing in them can be framed, drop them unread.
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= LapSnapperCodec.HEADER_LENGTH) {
            long declared = in.getUnsignedIntLE(in.readerIndex() + LENGTH_FIELD_OFFSET);
            if (declared > maxPayloadLength) {
                failed = true;
                int messageId = in.getUnsignedShortLE(in.readerIndex());
                in.skipBytes(in.readableBytes());
                throw new LapSnapperFrameTooLongException(messageId, declared, maxPayloadLength);
            }
        }
        return super.decode(ctx, in);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Let the session see why first (to log and count it), then make sure the connection ends even if
        // nobody after us closes it.
        ctx.fireExceptionCaught(cause);
        if (cause instanceof LapSnapperFrameTooLongException) {
            ctx.close();
        }
    }
}
