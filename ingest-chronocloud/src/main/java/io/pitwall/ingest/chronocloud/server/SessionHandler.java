package io.pitwall.ingest.chronocloud.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import io.pitwall.ingest.chronocloud.codec.ChronoCloudInbound;
import io.pitwall.ingest.chronocloud.codec.Confirmation;
import io.pitwall.ingest.chronocloud.codec.DecodeErrorKind;
import io.pitwall.ingest.chronocloud.session.ChronoFlySession;
import io.pitwall.ingest.chronocloud.session.ConnectionChannel;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one channel to its {@link ChronoFlySession}: decoded frames in, confirmations out, plus the
 * channel's life events (handshake done, idle, closed, broken frames).
 */
final class SessionHandler extends SimpleChannelInboundHandler<ChronoCloudInbound> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final SessionContext context;
    private final Consumer<Channel> onHandshake;
    private ChronoFlySession session;
    private String closeReason = "closed by the station";

    /**
     * @param onHandshake called once the WebSocket handshake is done (the server attaches the channel
     *                    to back-pressure there)
     */
    SessionHandler(SessionContext context, Consumer<Channel> onHandshake) {
        this.context = context;
        this.onHandshake = onHandshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        session = new ChronoFlySession(context, new NettyConnection(ctx.channel(), reason -> closeReason = reason));
        session.opened();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ChronoCloudInbound inbound) {
        session.onInbound(inbound);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            LOG.debug("WebSocket handshake with {} on {}", ctx.channel().remoteAddress(), handshake.requestUri());
            onHandshake.accept(ctx.channel());
        } else if (event instanceof IdleStateEvent) {
            // with reads paused for back-pressure the silence is ours, not the station's
            if (ctx.channel().config().isAutoRead() && session.onIdle()) {
                closeReason = "closed by the server: no PDU for " + context.idleTimeout().toSeconds() + " s";
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.closed(closeReason);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException corrupted
                && WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus())) {
            session.onFatalFrame(DecodeErrorKind.FRAME_TOO_LARGE, String.valueOf(cause.getMessage()));
            closeReason = "closed by the server: frame too large";
        } else if (cause instanceof CorruptedFrameException) {
            // Netty answers a protocol violation with a close frame itself; count and say why
            session.onFatalFrame(DecodeErrorKind.WEBSOCKET_PROTOCOL, "WebSocket protocol violation: " + cause.getMessage());
            closeReason = "closed by the server: WebSocket protocol violation";
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            // a plain ws:// client on the wss:// port, an unknown certificate authority, a port scan...
            context.metrics().decodeError(IngestMetrics.UNKNOWN_VENUE, "tls");
            LOG.warn("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                    (cause.getCause() instanceof SSLException ssl ? ssl : cause).getMessage());
            closeReason = "TLS handshake failed";
        } else if (cause instanceof IOException) {
            LOG.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            closeReason = "connection lost: " + cause.getMessage();
        } else {
            LOG.warn("Unexpected failure on the connection from {}; closing it", ctx.channel().remoteAddress(), cause);
            closeReason = "closed by the server after an internal error";
        }
        ctx.close();
    }

    /** The session's view of the channel. */
    private static final class NettyConnection implements ConnectionChannel {
        private final Channel channel;
        private final String remote;
        private final Consumer<String> closeReason;

        NettyConnection(Channel channel, Consumer<String> closeReason) {
            this.channel = channel;
            this.remote = String.valueOf(channel.remoteAddress());
            this.closeReason = closeReason;
        }

        @Override
        public void close(String reason) {
            closeReason.accept(reason);
            channel.close();
        }

        @Override
        public void write(Confirmation confirmation) {
            channel.writeAndFlush(confirmation, channel.voidPromise());
        }

        @Override
        public Executor executor() {
            return channel.eventLoop();
        }

        @Override
        public String remoteAddress() {
            return remote;
        }
    }
}
