package io.pitwall.simulator.lapsnapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Re-shapes the server's writes into the TCP segmentation a client must cope with: a frame cut into many tiny
 * writes, or several frames in a single write. Sits next to the socket; every write it sees is one whole frame.
 */
final class WriteShaper extends ChannelOutboundHandlerAdapter {

    static final int MAX_SPLIT_PIECE = 8;
    static final long COALESCE_LINGER_MILLIS = 20;

    private final LapSnapperFaults faults;

    private CompositeByteBuf held;
    private final List<ChannelPromise> heldPromises = new ArrayList<>();
    private ScheduledFuture<?> linger;

    WriteShaper(LapSnapperFaults faults) {
        this.faults = faults;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.write(msg, promise);
            return;
        }
        if (faults.coalesceFrames() > 1) {
            hold(ctx, frame, promise);
            return;
        }
        // Mode switched off while frames were held: they go first so nothing is reordered.
        releaseHeld(ctx);
        if (faults.splitWrites()) {
            writeInPieces(ctx, frame, promise);
        } else {
            ctx.write(frame, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (held == null) {
            ctx.flush();
        }
        // else: the held frames leave together when enough have gathered or the linger timer fires
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        releaseHeld(ctx);
        ctx.close(promise);
    }

    private void hold(ChannelHandlerContext ctx, ByteBuf frame, ChannelPromise promise) {
        if (held == null) {
            held = ctx.alloc().compositeBuffer();
            linger = ctx.executor().schedule(() -> releaseHeld(ctx), COALESCE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
        held.addComponent(true, frame);
        heldPromises.add(promise);
        if (heldPromises.size() >= faults.coalesceFrames()) {
            releaseHeld(ctx);
        }
    }

    private void releaseHeld(ChannelHandlerContext ctx) {
        if (held == null) {
            return;
        }
        linger.cancel(false);
        ByteBuf all = held;
        List<ChannelPromise> promises = new ArrayList<>(heldPromises);
        held = null;
        heldPromises.clear();
        ctx.writeAndFlush(all).addListener(written -> {
            for (ChannelPromise p : promises) {
                if (written.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(written.cause());
                }
            }
        });
    }

    private void writeInPieces(ChannelHandlerContext ctx, ByteBuf frame, ChannelPromise promise) {
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (frame.isReadable()) {
            int piece = Math.min(frame.readableBytes(), 1 + random.nextInt(MAX_SPLIT_PIECE));
            ChannelPromise written = ctx.newPromise();
            combiner.add(written);
            ctx.write(frame.readRetainedSlice(piece), written);
            ctx.flush();
        }
        frame.release();
        combiner.finish(promise);
    }
}
