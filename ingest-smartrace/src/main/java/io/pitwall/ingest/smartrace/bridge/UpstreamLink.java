package io.pitwall.ingest.smartrace.bridge;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sensor connection's link to a real Smartrace Connect. Runs on the sensor channel's event loop,
 * so relaying needs no locking; every method must be called on that loop.
 *
 * <ul>
 *   <li>Sensor frames are written upstream verbatim while the link is open. While it is not, they are
 *       kept (at most {@code bufferLimit}, oldest dropped first) and written when it opens, so the app
 *       gets the laps of a Wi-Fi blip late rather than never — as a sensor re-sending its last laps
 *       would do.</li>
 *   <li>The sensor's last {@code api_version} and {@code controller_set} are remembered and sent first
 *       on every (re)connect: the app must see the sensor register on each new connection.</li>
 *   <li>Upstream frames go to the sensor verbatim.</li>
 *   <li>Lost or refused, the link reconnects with ingest-core's backoff, independently of the sensor;
 *       it ends only with the sensor connection.</li>
 * </ul>
 */
public final class UpstreamLink {

    /** What a sensor frame is, as far as the link cares. */
    public enum FrameRole { API_VERSION, CONTROLLER_SET, OTHER }

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamLink.class);
    private static final int MAX_FRAME = 65_536;

    private final URI uri;
    private final String venue;
    private final String sensor;
    private final EventLoop loop;
    private final SslContext ssl;
    private final ReconnectBackoff backoff;
    private final BridgeSettings settings;
    private final BridgeMetrics metrics;
    private final Consumer<String> toSensor;
    private final ArrayDeque<String> buffer = new ArrayDeque<>();

    private Channel channel;
    private boolean open;
    private boolean closed;
    private boolean failureLogged;
    private String apiVersion;
    private String controllerSet;

    /**
     * @param sensor   a name for the sensor connection in logs
     * @param toSensor writes a frame's text to the sensor (called on {@code loop})
     */
    public UpstreamLink(URI uri, String venue, String sensor, EventLoop loop, SslContext ssl, BridgeSettings settings,
            BridgeMetrics metrics, Consumer<String> toSensor) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.ssl = ssl;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = settings.backoff().get();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.toSensor = Objects.requireNonNull(toSensor, "toSensor");
    }

    public void start() {
        connect();
    }

    /** True while the WebSocket to Smartrace is open: then Smartrace, not Pitwall, answers the sensor. */
    public boolean isOpen() {
        return open;
    }

    /** A frame from the sensor. */
    public void fromSensor(String text, FrameRole role) {
        if (role == FrameRole.API_VERSION) {
            apiVersion = text;
        } else if (role == FrameRole.CONTROLLER_SET) {
            controllerSet = text;
        }
        if (open) {
            write(text);
        } else if (role == FrameRole.OTHER) {
            keep(text);
        }
    }

    /** The sensor is gone: close the upstream connection for good. */
    public void close() {
        closed = true;
        buffer.clear();
        if (channel != null) {
            channel.close();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (secure && ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        p.addLast(new IdleStateHandler(millis(settings.idleTimeout()), millis(settings.pingInterval()), 0,
                                TimeUnit.MILLISECONDS));
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(MAX_FRAME));
                        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .version(WebSocketVersion.V13)
                                .handshakeTimeoutMillis(10_000)
                                .maxFramePayloadLength(MAX_FRAME)
                                .build()));
                        p.addLast(new WebSocketFrameAggregator(MAX_FRAME));
                        p.addLast(new Relay());
                    }
                })
                .connect(uri.getHost(), port);
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                failed("cannot connect: " + f.cause().getMessage());
                reconnectLater();
            }
        });
    }

    private void opened() {
        open = true;
        failureLogged = false;
        backoff.reset();
        metrics.opened(venue);
        LOG.info("Bridge for sensor {} connected to Smartrace at {}", sensor, uri);
        if (apiVersion != null) {
            write(apiVersion);
        }
        if (controllerSet != null) {
            write(controllerSet);
        }
        while (!buffer.isEmpty()) {
            write(buffer.poll());
        }
    }

    private void lost() {
        if (open) {
            open = false;
            metrics.closed(venue);
            if (!closed) {
                LOG.warn("Bridge for sensor {}: Smartrace at {} closed the connection; reconnecting", sensor, uri);
            }
        }
        reconnectLater();
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        Duration delay = backoff.nextDelay();
        loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void failed(String reason) {
        // one warning per outage, not one per attempt: a tablet switched off for the lunch break would flood the log
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("Bridge for sensor {}: Smartrace at {} not reachable ({}); retrying with backoff, keeping up to {} frames",
                    sensor, uri, reason, settings.bufferLimit());
        } else {
            LOG.debug("Bridge for sensor {}: Smartrace at {} still not reachable ({})", sensor, uri, reason);
        }
    }

    private void write(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
        metrics.toUpstream(venue);
    }

    private void keep(String text) {
        if (settings.bufferLimit() == 0) {
            metrics.dropped(venue, "buffer_full");
            return;
        }
        if (buffer.size() >= settings.bufferLimit()) {
            buffer.poll();
            metrics.dropped(venue, "buffer_full");
        }
        buffer.add(text);
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }

    /** The upstream side of the link, on the same event loop. */
    private final class Relay extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            metrics.toSensor(venue);
            toSensor.accept(frame.text());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened();
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failed("WebSocket handshake timed out");
                ctx.close();
            } else if (event instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE && open) {
                    ctx.writeAndFlush(new PingWebSocketFrame());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    failed("nothing received for " + settings.idleTimeout());
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                lost();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failed(cause.getMessage());
            ctx.close();
        }
    }
}
