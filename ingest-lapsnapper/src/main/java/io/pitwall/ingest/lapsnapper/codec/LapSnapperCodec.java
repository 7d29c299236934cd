package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;

/**
 * Entry points of the LapSnapper codec: frame constants, the standard pipeline, and encode/decode of single
 * frames outside a pipeline (tests, tools, benchmarks).
 *
 * <p>Frame layout (API section 4.1): {@code id:uint16le, length:uint32le, payload:byte[length]} where the payload
 * is one UTF-8 JSON object whose {@code messageHeader.messageID} repeats the id.
 */
public final class LapSnapperCodec {

    /** Two bytes of message id and four bytes of payload length. */
    public static final int HEADER_LENGTH = 6;

    /** The default largest accepted payload: 1 MiB, far above any message the API defines. */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 1024 * 1024;

    public static final String FRAME_DECODER = "lapsnapper-frame-decoder";
    public static final String MESSAGE_DECODER = "lapsnapper-message-decoder";
    public static final String MESSAGE_ENCODER = "lapsnapper-message-encoder";

    private static final LapSnapperMessageDecoder SHARED_DECODER = new LapSnapperMessageDecoder();
    private static final LapSnapperMessageEncoder SHARED_ENCODER = new LapSnapperMessageEncoder();

    private LapSnapperCodec() {
    }

    /**
     * Adds frame decoder, message decoder and message encoder at the end of a pipeline. Handlers added after
     * this receive {@link DecodeResult}s and may write {@link LapSnapperMessage}s; they also see a
     * {@link LapSnapperFrameTooLongException} in {@code exceptionCaught} just before the channel closes.
     */
    public static ChannelPipeline addTo(ChannelPipeline pipeline, int maxPayloadLength) {
        return pipeline.addLast(FRAME_DECODER, new LapSnapperFrameDecoder(maxPayloadLength))
                .addLast(MESSAGE_DECODER, SHARED_DECODER)
                .addLast(MESSAGE_ENCODER, SHARED_ENCODER);
    }

    /** Appends one frame holding {@code message} to {@code out}. */
    public static void encode(LapSnapperMessage message, ByteBuf out) {
        MessageWriter.writeFrame(message, out);
    }

    /** One frame holding {@code message}, as bytes. */
    public static byte[] encode(LapSnapperMessage message) {
        ByteBuf out = Unpooled.buffer(256);
        try {
            encode(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /**
     * Decodes one complete frame (header and payload). Never throws for bad content; a buffer that is not
     * exactly one frame is a caller bug and throws {@link IllegalArgumentException}. Does not release the buffer.
     */
    public static DecodeResult decodeFrame(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < HEADER_LENGTH
                || frame.getUnsignedIntLE(start + 2) != frame.readableBytes() - HEADER_LENGTH) {
            throw new IllegalArgumentException("not exactly one LapSnapper frame: " + frame.readableBytes() + " bytes");
        }
        int messageId = frame.getUnsignedShortLE(start);
        return MessageReader.read(messageId, frame.slice(start + HEADER_LENGTH, frame.readableBytes() - HEADER_LENGTH));
    }

    /** Decodes one complete frame given as bytes. */
    public static DecodeResult decodeFrame(byte[] frame) {
        return decodeFrame(Unpooled.wrappedBuffer(frame));
    }
}
