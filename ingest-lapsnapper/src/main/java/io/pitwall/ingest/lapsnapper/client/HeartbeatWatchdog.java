package io.pitwall.ingest.lapsnapper.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The last two handlers of a handshaken connection: an {@link IdleStateHandler} that only ever sees heartbeats
 * ({@link DecoderSession} passes 6003 on and consumes everything else), and this handler, which turns its
 * reader-idle event into "heartbeat lost". So time events alone do not keep a connection alive — the API makes
 * heartbeats the liveness signal (5.2) — and N missed heartbeats are {@code N × interval} without one.
 */
final class HeartbeatWatchdog extends ChannelInboundHandlerAdapter {

    static final String IDLE_HANDLER = "lapsnapper-heartbeat-idle";
    static final String WATCHDOG = "lapsnapper-heartbeat-watchdog";

    private final DecoderSession session;
    private final ReadPauses pauses;
    private final long timeoutNanos;

    private HeartbeatWatchdog(DecoderSession session, ReadPauses pauses, long timeoutNanos) {
        this.session = session;
        this.pauses = pauses;
        this.timeoutNanos = timeoutNanos;
    }

    /** Adds the idle handler and the watchdog at the end of the pipeline; called once the handshake succeeded. */
    static void install(ChannelHandlerContext ctx, DecoderSession session, ReadPauses pauses, long timeoutNanos) {
        ctx.pipeline()
                .addLast(IDLE_HANDLER, new IdleStateHandler(timeoutNanos, 0, 0, TimeUnit.NANOSECONDS))
                .addLast(WATCHDOG, new HeartbeatWatchdog(session, pauses, timeoutNanos));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // a heartbeat that did its job of resetting the idle timer; records, nothing to release
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (!ctx.channel().config().isAutoRead() || pauses.excuseSilence(timeoutNanos)) {
                return; // we are not reading: the silence is ours, not the server's
            }
            session.heartbeatsMissed(timeoutNanos);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
