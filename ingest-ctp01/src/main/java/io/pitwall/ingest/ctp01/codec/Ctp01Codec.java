package io.pitwall.ingest.ctp01.codec;

import io.netty.channel.ChannelPipeline;

/** Puts the CTP01 framing, decoding and encoding handlers into a server channel's pipeline. */
public final class Ctp01Codec {

    /** ChronoTrack software connects to this port unless told otherwise. */
    public static final int DEFAULT_PORT = 61611;

    /**
     * Generous for any line the protocol defines (a tag event is under 80 bytes; a long location
     * list is the largest) and small enough that a client that never ends a line is cut off early.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    public static final String FRAMER = "ctp01-framer";
    public static final String DECODER = "ctp01-decoder";
    public static final String ENCODER = "ctp01-encoder";

    private Ctp01Codec() {
    }

    /**
     * Adds {@link Ctp01LineFramer}, {@link Ctp01LineDecoder} and {@link Ctp01LineEncoder} at the end
     * of the pipeline; the session handler goes after them and must close the channel on
     * {@link Ctp01LineTooLongException}.
     */
    public static void install(ChannelPipeline pipeline, Ctp01LineParser parser, int maxLineLength) {
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength below 64 cannot carry a tag event: " + maxLineLength);
        }
        pipeline.addLast(FRAMER, new Ctp01LineFramer(maxLineLength));
        pipeline.addLast(DECODER, new Ctp01LineDecoder(parser, maxLineLength));
        pipeline.addLast(ENCODER, new Ctp01LineEncoder());
    }
}
