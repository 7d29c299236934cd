package io.pitwall.ingest.ctp01.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A line longer than the configured maximum: the one fatal decode condition. A client that never
 * ends its lines is broken or hostile, and buffering on would be unbounded, so the session handler
 * closes the channel when it sees this; the decoder emits nothing after it.
 */
public final class Ctp01LineTooLongException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    private final int maxLineLength;

    public Ctp01LineTooLongException(int maxLineLength, Throwable cause) {
        super("CTP01 line longer than " + maxLineLength + " bytes", cause);
        this.maxLineLength = maxLineLength;
    }

    public int maxLineLength() {
        return maxLineLength;
    }
}
