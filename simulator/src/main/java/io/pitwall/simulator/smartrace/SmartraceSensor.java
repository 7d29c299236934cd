package io.pitwall.simulator.smartrace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Smartrace lap sensor: a WebSocket client of Smartrace Connect (or of Pitwall's ingest
 * playing it). See the package documentation for the behaviour it reproduces.
 *
 * <p>On every connection it registers ({@code api_version}, then {@code controller_set "Z"} once the
 * server answered with its {@code api_version} or after a second; or {@code controller_set} alone),
 * then — microcontroller style, after a reconnect — sends its last two laps again, exactly as before.
 * It reconnects after {@link Builder#reconnectDelay} whenever the connection drops, until {@link
 * #close()}.
 *
 * <p>Thread-safe: feed it from any thread. Test hooks: {@link #sent()}, {@link #received()}, {@link
 * #awaitReceived}, {@link #awaitConnections}, {@link #dropConnection()}.
 */
public final class SmartraceSensor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartraceSensor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESENT_LAPS = 2;
    private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(1);

    private final URI uri;
    private final SensorCounter counter;
    private final SensorFrames frames;
    private final boolean skipApiVersion;
    private final boolean flpl;
    private final boolean resendAfterReconnect;
    private final Duration reconnectDelay;
    private final Clock clock;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    // guarded by "this"
    private final ArrayDeque<String> lastLaps = new ArrayDeque<>(RESENT_LAPS);
    private Channel channel;
    private boolean registered;
    private boolean closed;
    private boolean started;
    private int connection;
    private ScheduledFuture<?> registrationTimer;

    private final List<SentFrame> sent = new CopyOnWriteArrayList<>();
    private final List<ServerFrame> received = new CopyOnWriteArrayList<>();

    private SmartraceSensor(Builder b) {
        this.uri = b.uri;
        this.counter = b.counter;
        this.frames = new SensorFrames(b.jsonStyle);
        this.skipApiVersion = b.skipApiVersion;
        this.flpl = b.flpl;
        this.resendAfterReconnect = b.resendAfterReconnect != null ? b.resendAfterReconnect
                : b.counter.style() == SensorStyle.MICROCONTROLLER;
        this.reconnectDelay = b.reconnectDelay;
        this.clock = b.clock;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("smartrace-sensor", true),
                NioIoHandler.newFactory());
        int port = uri.getPort() != -1 ? uri.getPort() : 80;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .remoteAddress(uri.getHost(), port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(65_536));
                        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .version(WebSocketVersion.V13)
                                .handshakeTimeoutMillis(5_000)
                                .maxFramePayloadLength(65_536)
                                .build()));
                        p.addLast(new WebSocketFrameAggregator(65_536));
                        p.addLast(new ServerHandler());
                    }
                });
    }

    /** A sensor that will connect to {@code uri}, e.g. {@code ws://localhost:50780/}. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Starts connecting; returns at once. */
    public SmartraceSensor start() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Sensor is closed");
            }
            if (started) {
                return this;
            }
            started = true;
        }
        connect();
        return this;
    }

    // --- what happens at the track ------------------------------------------------------------------

    /** Controller {@code controllerId} crossed the line at {@code at}. */
    public synchronized void lap(int controllerId, Instant at) {
        String frame = frames.lap(controllerId, counter.at(at));
        if (lastLaps.size() == RESENT_LAPS) {
            lastLaps.poll();
        }
        lastLaps.add(frame);
        send(frame, false);
    }

    /** Controller {@code controllerId} entered the pit lane (the message carries no time). */
    public synchronized void pitEnter(int controllerId) {
        send(frames.pitEnter(controllerId), false);
    }

    /**
     * Controller {@code controllerId} left the pit lane, crossing the line at {@code at}: in FLPL mode
     * (finish line in the pit lane) a pit leave and a lap for the one crossing, otherwise the pit leave
     * alone.
     */
    public synchronized void pitLeave(int controllerId, Instant at) {
        send(frames.pitLeave(controllerId), false);
        if (flpl) {
            lap(controllerId, at);
        }
    }

    /** A race-control button: start, stop, vsc or esc. */
    public synchronized void raceControl(String value) {
        send(frames.raceControl(value), false);
    }

    /** Sends any text as it is (malformed input for tests). */
    public synchronized void sendRaw(String text) {
        send(text, false);
    }

    /** The counter value this sensor writes for {@code at}. */
    public long counterAt(Instant at) {
        return counter.at(at);
    }

    // --- connection ----------------------------------------------------------------------------------

    /** Drops the connection as a Wi-Fi loss would; the sensor reconnects after its delay. */
    public void dropConnection() {
        Channel ch;
        synchronized (this) {
            ch = channel;
        }
        if (ch != null) {
            ch.close();
        }
    }

    /** True while connected and registered. */
    public synchronized boolean isConnected() {
        return channel != null && channel.isActive() && registered;
    }

    /** WebSocket connections established so far. */
    public synchronized int connections() {
        return connection;
    }

    /** Waits until at least {@code count} connections were registered. */
    public void awaitConnections(int count, Duration timeout) throws InterruptedException, TimeoutException {
        awaitCondition(() -> {
            synchronized (this) {
                return connection >= count && registered;
            }
        }, timeout, "connection " + count + " to " + uri);
    }

    /** Frames sent, in order. */
    public List<SentFrame> sent() {
        return List.copyOf(sent);
    }

    /** Frames received from the server, in order. */
    public List<ServerFrame> received() {
        return List.copyOf(received);
    }

    /** Received frames of one type. */
    public List<ServerFrame> received(String type) {
        return received.stream().filter(f -> f.type().equals(type)).toList();
    }

    /** Waits for a received frame matching {@code match} and returns the first one. */
    public ServerFrame awaitReceived(Predicate<ServerFrame> match, Duration timeout)
            throws InterruptedException, TimeoutException {
        awaitCondition(() -> received.stream().anyMatch(match), timeout, "a matching frame from " + uri);
        return received.stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        Channel ch;
        synchronized (this) {
            closed = true;
            ch = channel;
        }
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        bootstrap.connect().addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("Sensor cannot connect to {}: {}", uri, f.cause().toString());
                reconnectLater();
            }
        });
    }

    private void reconnectLater() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        group.schedule(this::connect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void send(String text, boolean resent) {
        if (channel == null || !channel.isActive() || !registered) {
            return; // lost, as on the real hardware (laps survive in lastLaps)
        }
        write(text, resent);
    }

    private synchronized void write(String text, boolean resent) {
        sent.add(new SentFrame(text, connection, resent, clock.instant()));
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    private synchronized void handshakeDone(Channel ch) {
        channel = ch;
        connection++;
        registered = false;
        if (skipApiVersion) {
            register();
        } else {
            write(frames.apiVersion(), false);
            registrationTimer = ch.eventLoop().schedule(this::register, REGISTRATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void register() {
        if (registered || channel == null || !channel.isActive()) {
            return;
        }
        if (registrationTimer != null) {
            registrationTimer.cancel(false);
            registrationTimer = null;
        }
        write(frames.controllerSet("Z"), false);
        registered = true;
        if (connection > 1 && resendAfterReconnect) {
            for (String lap : new ArrayList<>(lastLaps)) {
                write(lap, true);
            }
        }
    }

    private synchronized void disconnected(Channel ch) {
        if (channel == ch) {
            channel = null;
            registered = false;
        }
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private final class ServerHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            String type = typeOf(text);
            int conn;
            synchronized (SmartraceSensor.this) {
                conn = connection;
            }
            received.add(new ServerFrame(type, text, conn, clock.instant()));
            if (type.equals("api_version")) {
                register();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshakeDone(ctx.channel());
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected(ctx.channel());
            reconnectLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Sensor connection to {} failed: {}", uri, cause.toString());
            ctx.close();
        }

        private String typeOf(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode type = node == null ? null : node.get("type");
                return type != null && type.isTextual() ? type.textValue() : "";
            } catch (Exception e) {
                return "";
            }
        }
    }

    /** Builds a {@link SmartraceSensor}. */
    public static final class Builder {
        private final URI uri;
        private SensorCounter counter = SensorCounter.microcontroller(Instant.now(), 0, 32);
        private JsonStyle jsonStyle = JsonStyle.COMPACT;
        private boolean skipApiVersion;
        private boolean flpl;
        private Boolean resendAfterReconnect;
        private Duration reconnectDelay = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("Expected ws://host:port/..., got " + uri);
            }
        }

        /** How timestamps are made (default: a microcontroller booted now, counter from 0, 2^32 wrap). */
        public Builder counter(SensorCounter value) {
            this.counter = Objects.requireNonNull(value);
            return this;
        }

        public Builder jsonStyle(JsonStyle value) {
            this.jsonStyle = Objects.requireNonNull(value);
            return this;
        }

        /** Send {@code controller_set} without {@code api_version} first. */
        public Builder skipApiVersion(boolean value) {
            this.skipApiVersion = value;
            return this;
        }

        /** Finish line in the pit lane: a pit leave also sends the lap of that crossing. */
        public Builder flpl(boolean value) {
            this.flpl = value;
            return this;
        }

        /** Re-send the last two laps after a reconnect (default: microcontrollers do, phones do not). */
        public Builder resendAfterReconnect(boolean value) {
            this.resendAfterReconnect = value;
            return this;
        }

        public Builder reconnectDelay(Duration value) {
            this.reconnectDelay = Objects.requireNonNull(value);
            return this;
        }

        /** The clock stamping {@link SentFrame}s and {@link ServerFrame}s. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public SmartraceSensor build() {
            return new SmartraceSensor(this);
        }
    }
}
