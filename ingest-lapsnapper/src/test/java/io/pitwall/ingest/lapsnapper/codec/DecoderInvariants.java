package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The decoder's contract on arbitrary bytes, checked by the fuzz test and the randomized test:
 * <ul>
 *   <li>the only exception that ever escapes is {@link LapSnapperFrameTooLongException}, and it closes the channel;
 *   <li>every emitted object is a {@link LapSnapperMessage} or a {@link DecodeError};
 *   <li>every emitted message re-encodes to a frame that decodes to the same message;
 *   <li>no frame is larger than the limit, and allocations follow the bytes received, never a declared length;
 *   <li>every buffer is released;
 *   <li>the result does not depend on how the bytes were split into reads.
 * </ul>
 */
final class DecoderInvariants {

    static final int MAX_PAYLOAD = 4096;

    /** Largest piece a chunked run feeds at once. */
    private static final int MAX_CHUNK = 32;

    private DecoderInvariants() {
    }

    static void check(byte[] input) {
        Outcome whole = run(input, input.length == 0 ? new int[0] : new int[] {input.length});
        Outcome chunked = run(input, chunkSizes(input));
        if (!whole.equals(chunked)) {
            throw new AssertionError("decoding depends on read boundaries:\n whole:   " + whole + "\n chunked: " + chunked);
        }
    }

    /** What came out of one run: the results in order and whether the stream ended fatally. */
    record Outcome(List<DecodeResult> results, Long fatalDeclaredLength) {
    }

    private static Outcome run(byte[] input, int[] chunks) {
        TrackingAllocator allocator = new TrackingAllocator();
        List<Integer> frameSizes = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        LapSnapperCodec.addTo(channel.pipeline(), MAX_PAYLOAD);
        channel.pipeline().addAfter(LapSnapperCodec.FRAME_DECODER, "frame-spy", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frameSizes.add(((ByteBuf) msg).readableBytes());
                ctx.fireChannelRead(msg);
            }
        });

        List<DecodeResult> results = new ArrayList<>();
        List<ByteBuf> inputs = new ArrayList<>();
        Long fatal = null;
        int offset = 0;
        for (int size : chunks) {
            ByteBuf chunk = Unpooled.wrappedBuffer(input, offset, size);
            inputs.add(chunk);
            offset += size;
            try {
                channel.writeInbound(chunk);
            } catch (LapSnapperFrameTooLongException e) {
                fatal = e.declaredLength();
                if (channel.isOpen()) {
                    throw new AssertionError("channel left open after " + e.getMessage());
                }
            } catch (Throwable t) {
                throw new AssertionError("undocumented exception from the decoder", t);
            }
            collect(channel, results);
            if (fatal != null) {
                break;
            }
        }
        try {
            channel.finish();
        } catch (Throwable t) {
            throw new AssertionError("undocumented exception on close", t);
        }
        collect(channel, results);

        for (int frameSize : frameSizes) {
            if (frameSize > MAX_PAYLOAD + LapSnapperCodec.HEADER_LENGTH) {
                throw new AssertionError("frame of " + frameSize + " bytes passed a limit of " + MAX_PAYLOAD);
            }
        }
        int allocationBound = 2 * (MAX_PAYLOAD + LapSnapperCodec.HEADER_LENGTH + MAX_CHUNK);
        if (allocator.largestRequest() > allocationBound) {
            throw new AssertionError("allocated " + allocator.largestRequest() + " bytes, bound " + allocationBound);
        }
        if (allocator.unreleased() > 0 || inputs.stream().anyMatch(b -> b.refCnt() > 0)) {
            throw new AssertionError("buffer leak: " + allocator.unreleased() + " allocated buffers unreleased");
        }
        return new Outcome(results, fatal);
    }

    private static void collect(EmbeddedChannel channel, List<DecodeResult> results) {
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof LapSnapperMessage message) {
                checkReEncodes(message);
                results.add(message);
            } else if (o instanceof DecodeError error) {
                Objects.requireNonNull(error.detail());
                if (error.excerpt().length() > DecodeError.MAX_EXCERPT_LENGTH) {
                    throw new AssertionError("excerpt too long: " + error);
                }
                results.add(error);
            } else {
                throw new AssertionError("emitted neither a message nor a DecodeError: " + o.getClass());
            }
        }
    }

    private static void checkReEncodes(LapSnapperMessage message) {
        DecodeResult again = LapSnapperCodec.decodeFrame(LapSnapperCodec.encode(message));
        if (!message.equals(again)) {
            throw new AssertionError("re-encoding changed " + message + " into " + again);
        }
    }

    /** Read sizes from 1 to {@value #MAX_CHUNK}, derived from the input so a failure reproduces exactly. */
    private static int[] chunkSizes(byte[] input) {
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(input));
        List<Integer> sizes = new ArrayList<>();
        for (int left = input.length; left > 0; ) {
            int size = Math.min(left, 1 + random.nextInt(MAX_CHUNK));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
