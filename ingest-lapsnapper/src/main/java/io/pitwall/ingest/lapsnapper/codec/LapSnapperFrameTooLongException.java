package io.pitwall.ingest.lapsnapper.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A frame header declared a payload longer than the configured maximum. Fatal for the connection: the length
 * field is the only frame boundary LapSnapper has, so once it is implausible nothing after it can be trusted.
 * A length with the top bit set (negative as a signed int) lands here too, as a huge unsigned length.
 */
public final class LapSnapperFrameTooLongException extends TooLongFrameException {

    private final int messageId;
    private final long declaredLength;
    private final int maxPayloadLength;

    public LapSnapperFrameTooLongException(int messageId, long declaredLength, int maxPayloadLength) {
        super("LapSnapper frame with message id " + messageId + " declares a payload of " + declaredLength
                + " bytes" + (declaredLength > Integer.MAX_VALUE ? " (negative as a signed int: " + (int) declaredLength
                + ")" : "") + ", over the limit of " + maxPayloadLength
                + " bytes; the stream has no reliable frame boundary any more, closing the connection");
        this.messageId = messageId;
        this.declaredLength = declaredLength;
        this.maxPayloadLength = maxPayloadLength;
    }

    public int messageId() {
        return messageId;
    }

    /** The length field read as an unsigned 32-bit little-endian integer. */
    public long declaredLength() {
        return declaredLength;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }
}
