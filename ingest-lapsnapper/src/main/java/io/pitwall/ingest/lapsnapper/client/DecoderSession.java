package io.pitwall.ingest.lapsnapper.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.LapSnapperConfig;
import io.pitwall.ingest.lapsnapper.codec.DecodeError;
import io.pitwall.ingest.lapsnapper.codec.DecodeResult;
import io.pitwall.ingest.lapsnapper.codec.DecoderTime;
import io.pitwall.ingest.lapsnapper.codec.DecoderTimeFailed;
import io.pitwall.ingest.lapsnapper.codec.GetDecoderTime;
import io.pitwall.ingest.lapsnapper.codec.Heartbeat;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperFrameTooLongException;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.ServerInfoFailed;
import io.pitwall.ingest.lapsnapper.codec.ServerInfoRequest;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one TCP connection to a LapSnapper server (API 5 and 6):
 *
 * <pre>
 *   connected ── 6000 ──► HANDSHAKING ── 6001 ──► READY ── heartbeats, time events, decoder time, StartMatic
 *                              │ 6002 / timeout / server closes                 │ heartbeats missed / error
 *                              ▼                                               ▼
 *                           closed (handshake failed)                       closed (dropped)
 * </pre>
 *
 * Every frame is counted; an undecodable one is counted by kind and logged (rate-limited) with its message id
 * and a redacted excerpt, and the connection goes on because the frame boundary is intact. Only a frame longer
 * than the limit ends the connection. Runs on the channel's event loop only; not sharable.
 */
final class DecoderSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderSession.class);

    /** A server that drops us this soon after a remote-control message probably did not like its PIN (FAQ 9). */
    private static final long WRONG_PIN_HINT_NANOS = TimeUnit.SECONDS.toNanos(2);

    enum Phase { HANDSHAKING, READY, CLOSED }

    private final DecoderServer server;
    private final LapSnapperConfig config;
    private final SessionCallbacks callbacks;
    private final IngestMetrics metrics;
    private final ReadPauses pauses;
    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final MessageHeader header;
    private final RateLimitedLog errorLog;
    private final ArrayDeque<Long> decoderTimeRequests = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HANDSHAKING;
    private CloseReason closeReason;
    private String closeDetail = "";
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> decoderTimeTimer;
    private long lastCommandNanos;
    private String lastCommand;

    DecoderSession(DecoderServer server, LapSnapperConfig config, SessionCallbacks callbacks, IngestMetrics metrics,
                   ReadPauses pauses, LongSupplier wallClockMillis, LongSupplier nanoClock) {
        this.server = server;
        this.config = config;
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.pauses = pauses;
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
        this.header = new MessageHeader(server.productId(), config.apiVersion());
        this.errorLog = new RateLimitedLog(10, TimeUnit.SECONDS.toNanos(10), nanoClock);
    }

    Phase phase() {
        return phase;
    }

    boolean isReady() {
        return phase == Phase.READY;
    }

    MessageHeader header() {
        return header;
    }

    /** Writes a remote-control message; call on the event loop of a READY session. */
    ChannelFuture sendCommand(LapSnapperMessage message) {
        lastCommandNanos = nanoClock.getAsLong();
        lastCommand = message.id().name();
        return ctx.writeAndFlush(message);
    }

    /** Closes the connection because the ingest stops; call on the event loop. */
    void stop() {
        closeWith(CloseReason.STOPPED, "the ingest is stopping");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(new ServerInfoRequest(header, server.password()));
        handshakeTimer = ctx.executor().schedule(() -> closeWith(CloseReason.HANDSHAKE_TIMEOUT,
                "no answer to the handshake within " + config.handshakeTimeout().toMillis() + " ms"),
                config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DecodeResult result)) {
            ctx.fireChannelRead(msg);
            return;
        }
        metrics.received(server.venueId());
        if (result instanceof DecodeError error) {
            decodeError(error);
        } else if (result instanceof Heartbeat heartbeat) {
            if (phase == Phase.READY) {
                ctx.fireChannelRead(heartbeat); // to the idle handler: only heartbeats reset it
            }
        } else if (result instanceof TimeEvent event) {
            if (phase == Phase.READY) {
                callbacks.timeEvent(event, Instant.ofEpochMilli(wallClockMillis.getAsLong()));
            } else {
                unexpected(event, "a time event before the handshake completed");
            }
        } else if (result instanceof ServerInfo info) {
            handshakeAnswered(info);
        } else if (result instanceof ServerInfoFailed failed) {
            closeWith(CloseReason.HANDSHAKE_REFUSED, "LapSnapper refused the handshake (6002 Server Information"
                    + " Failed, status " + failed.status() + "): wrong password, or the server does not speak API"
                    + " version " + config.apiVersion());
        } else if (result instanceof DecoderTime time) {
            decoderTimeAnswered(time.decoderTime());
        } else if (result instanceof DecoderTimeFailed) {
            decoderTimeRequests.pollFirst();
            callbacks.decoderTimeFailed();
        } else if (result instanceof StartMaticStatus status && phase == Phase.READY) {
            callbacks.startMatic(status);
        } else {
            unexpected((LapSnapperMessage) result, "a message a LapSnapper server does not send to clients");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof LapSnapperFrameTooLongException tooLong) {
            metrics.decodeError(server.venueId(), "frame_too_long");
            LOG.error("LapSnapper {}: {}", server.name(), tooLong.getMessage());
            closeWith(CloseReason.FRAME_TOO_LONG, tooLong.getMessage());
        } else if (cause instanceof IOException) {
            closeWith(CloseReason.IO_ERROR, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } else {
            LOG.warn("LapSnapper {}: unexpected error, closing the connection", server.name(), cause);
            closeWith(CloseReason.IO_ERROR, cause.toString());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        boolean wasReady = phase == Phase.READY;
        phase = Phase.CLOSED;
        cancel(handshakeTimer);
        cancel(decoderTimeTimer);
        CloseReason reason = closeReason != null ? closeReason : CloseReason.SERVER_CLOSED;
        String detail = closeReason != null ? closeDetail : serverClosedDetail(wasReady);
        callbacks.sessionClosed(this, wasReady, reason, detail);
        super.channelInactive(ctx);
    }

    /** Called by the heartbeat watchdog when no heartbeat came for the configured number of intervals. */
    void heartbeatsMissed(long silenceNanos) {
        closeWith(CloseReason.HEARTBEAT_LOST, "no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(silenceNanos)
                + " ms (" + config.heartbeatsMissed() + " missed at " + config.heartbeatInterval().toMillis()
                + " ms intervals)");
    }

    private void handshakeAnswered(ServerInfo info) {
        if (phase != Phase.HANDSHAKING) {
            unexpected(info, "a second handshake answer");
            return;
        }
        phase = Phase.READY;
        cancel(handshakeTimer);
        HeartbeatWatchdog.install(ctx, this, pauses, config.heartbeatTimeout().toNanos());
        callbacks.handshakeSucceeded(this, info);
        if (phase != Phase.READY) {
            return; // a callback closed it
        }
        requestDecoderTime();
        long interval = config.decoderTimeInterval().toNanos();
        decoderTimeTimer = ctx.executor().scheduleAtFixedRate(this::requestDecoderTime, interval, interval,
                TimeUnit.NANOSECONDS);
    }

    private void requestDecoderTime() {
        if (phase != Phase.READY) {
            return;
        }
        // answers come in request order; an unanswered request must not grow the queue without bound
        if (decoderTimeRequests.size() >= 8) {
            decoderTimeRequests.pollFirst();
        }
        decoderTimeRequests.addLast(wallClockMillis.getAsLong());
        ctx.writeAndFlush(new GetDecoderTime(header));
    }

    private void decoderTimeAnswered(long decoderTime) {
        long now = wallClockMillis.getAsLong();
        Long sentAt = decoderTimeRequests.pollFirst();
        long sent = sentAt == null ? now : sentAt;
        // the decoder read its clock somewhere between request and answer: assume the middle
        long offset = decoderTime - (sent + now) / 2;
        callbacks.decoderTime(offset, now - sent);
    }

    private void decodeError(DecodeError error) {
        metrics.decodeError(server.venueId(), error.kind().name().toLowerCase(Locale.ROOT));
        long suppressed = errorLog.occurrence();
        if (suppressed >= 0) {
            LOG.warn("LapSnapper {} sent a frame that cannot be decoded ({}): message id {}, {} bytes, {}; starts"
                    + " with: {}{}; the connection goes on", server.name(), error.kind(), error.messageId(),
                    error.payloadLength(), error.detail(), error.excerpt(),
                    suppressed > 0 ? " (" + suppressed + " similar errors not logged)" : "");
        }
    }

    private void unexpected(LapSnapperMessage message, String what) {
        metrics.decodeError(server.venueId(), "unexpected_message");
        long suppressed = errorLog.occurrence();
        if (suppressed >= 0) {
            LOG.warn("LapSnapper {} sent {} (message id {}), ignored{}", server.name(), what, message.id().code(),
                    suppressed > 0 ? " (" + suppressed + " similar errors not logged)" : "");
        }
    }

    private String serverClosedDetail(boolean wasReady) {
        if (!wasReady) {
            return "LapSnapper closed the connection during the handshake: wrong password? (API 5.1: the server"
                    + " disconnects a client whose password is incorrect)";
        }
        if (lastCommand != null && nanoClock.getAsLong() - lastCommandNanos < WRONG_PIN_HINT_NANOS) {
            return "LapSnapper closed the connection right after the remote-control message " + lastCommand
                    + ": wrong PIN code? (API FAQ 9)";
        }
        return "LapSnapper closed the connection";
    }

    private void closeWith(CloseReason reason, String detail) {
        if (closeReason == null && phase != Phase.CLOSED) {
            closeReason = reason;
            closeDetail = detail;
        }
        ctx.close();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
