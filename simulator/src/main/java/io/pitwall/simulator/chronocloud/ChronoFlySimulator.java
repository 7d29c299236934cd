package io.pitwall.simulator.chronocloud;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ChronoFly station: the WebSocket client side of ChronoCloud 2.
 *
 * <p>What it does, from the document and the project's protocol notes:
 * <ul>
 *   <li>On every connection it sends a {@code connected} PDU; its {@code id} is the station's current
 *       event counter (the document describes both ids the same way).</li>
 *   <li>{@link #pass} registers a passing: the next {@code id} of the current round (0, 1, 2, ...),
 *       {@code lap} = how often the transponder was seen in the round, {@code tctime} = the time cut
 *       to the minute. It is sent at once when connected.</li>
 *   <li>Every cycle (30 s by default, {@link Builder#cycle}) it sends a keepalive — or re-sends the
 *       previous one while that is not confirmed with {@code pong}; keepalive ids start at 0 on every
 *       connection — and re-sends every passing (and the {@code connected} PDU) not yet confirmed with
 *       {@code bumb-<id>}, in any round, plus the active malfunction if there is one.</li>
 *   <li>{@link #changeRound} and {@link #clearTables} restart ids at 0; unconfirmed rows stay in the
 *       table and keep being re-sent with their own round.</li>
 *   <li>After a dropped connection it reconnects after {@link Builder#reconnectDelay} and carries on.</li>
 * </ul>
 *
 * <p>Where the document is silent: {@code bumb-N} confirms every unconfirmed PDU with id N that was
 * written to <em>the same connection</em> (a confirmation cannot refer to a PDU the server never saw
 * on it); while the socket's send buffer is full nothing more is written, and when it drains the
 * passings not yet written to this connection follow, as a blocking write on a real station would.
 *
 * <p>Thread-safe: feed it from any thread. Test hooks: {@link #confirmationsReceived()},
 * {@link #unconfirmed()}, {@link #awaitAllConfirmed}, {@link #onFrameSent}, and the
 * {@link Builder#loseConfirmations} fault, which ignores a share of confirmations as if they were
 * lost on the way, so the station re-sends PDUs the server already stored.
 */
public final class ChronoFlySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChronoFlySimulator.class);
    private static final String BUMB = "bumb-";
    private static final String PONG = "pong";

    private final URI uri;
    private final String station;
    private final String version;
    private final Duration cycle;
    private final Duration reconnectDelay;
    private final Clock clock;
    private final PduWriter writer;
    private final SslContext ssl;
    private final double lostConfirmationShare;
    private final SplittableRandom random;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    // --- station state, guarded by "this" -------------------------------------------------------
    private final List<StoredPassing> table = new ArrayList<>();
    /** Unconfirmed rows by id, so a confirmation costs a lookup, not a scan of a long table. */
    private final Map<Long, List<StoredPassing>> unconfirmedById = new HashMap<>();
    private final Map<String, Integer> lapsInRound = new HashMap<>();
    private String round;
    private String stationType;
    private long nextId;
    private Malfunction malfunction;
    private Channel channel;
    /** Bumped on every successful handshake; rows remember the connection they were written to. */
    private long connection;
    private long connectedId;
    private boolean connectedConfirmed;
    private long keepaliveId = -1;
    private boolean keepaliveConfirmed = true;
    private boolean online;
    private boolean closed;
    private ScheduledFuture<?> cycleTask;
    private String lastError = "";

    // --- observations, for tests and the CLI ------------------------------------------------------
    private final List<String> confirmations = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> frameListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicLong ignoredConfirmations = new AtomicLong();
    private final AtomicLong handshakes = new AtomicLong();

    private ChronoFlySimulator(Builder b) {
        this.uri = b.uri;
        this.station = b.station;
        this.version = b.version;
        this.cycle = b.cycle;
        this.reconnectDelay = b.reconnectDelay;
        this.clock = b.clock;
        this.round = b.round;
        this.stationType = b.stationType;
        this.writer = new PduWriter(b.station, b.competition, b.zone, b.timeStyle, b.signer);
        this.lostConfirmationShare = b.lostConfirmationShare;
        this.random = new SplittableRandom(b.seed);
        this.ssl = b.sslContext();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("chronofly-" + b.station, true),
                NioIoHandler.newFactory());
        int port = uri.getPort() != -1 ? uri.getPort() : ssl != null ? 443 : 80;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .remoteAddress(uri.getHost(), port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(8192));
                        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .version(WebSocketVersion.V13)
                                .handshakeTimeoutMillis(10_000)
                                .maxFramePayloadLength(65_536)
                                .build()));
                        p.addLast(new WebSocketFrameAggregator(65_536));
                        p.addLast(new ServerTextHandler());
                    }
                });
    }

    /** A station that will connect to {@code uri} ({@code ws://} or {@code wss://}). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Starts connecting (and reconnecting) and runs the event cycle. Returns at once. */
    public ChronoFlySimulator start() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Simulator is closed");
            }
            if (cycleTask == null) {
                cycleTask = group.next().scheduleAtFixedRate(this::runCycle, cycle.toNanos(), cycle.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
            online = true;
        }
        connect();
        return this;
    }

    // --- what the timer does at the station -------------------------------------------------------

    /** A transponder crossed the station now-ish at {@code time}, with the station's current type. */
    public SentPassing pass(String transponder, Instant time) {
        synchronized (this) {
            return pass(transponder, time, stationType, 1);
        }
    }

    /** A passing registered while the station's type is {@code stationType} (e.g. Track-Sector). */
    public SentPassing pass(String transponder, Instant time, String stationType) {
        return pass(transponder, time, stationType, 1);
    }

    /** A passing with an explicit {@code hits} count (reads of the transponder in this passing event). */
    public SentPassing pass(String transponder, Instant time, String stationType, int hits) {
        Objects.requireNonNull(transponder, "transponder");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stationType, "stationType");
        synchronized (this) {
            int lap = lapsInRound.merge(transponder, 1, Integer::sum);
            SentPassing passing = new SentPassing(nextId++, round, transponder, time.truncatedTo(ChronoUnit.MILLIS),
                    stationType, hits, lap);
            StoredPassing row = new StoredPassing(passing);
            table.add(row);
            unconfirmedById.computeIfAbsent(row.id(), id -> new ArrayList<>(1)).add(row);
            if (channel != null && channel.isWritable()) {
                send(writer.passing(row, clock.instant()));
                row.sentOn(connection);
            }
            return passing;
        }
    }

    /** The station type selected at ChronoFly from now on (e.g. Route-Start, Track-Sector). */
    public synchronized void stationType(String type) {
        this.stationType = Objects.requireNonNull(type, "type");
    }

    /** Selects another round: ids and lap counts start again at 0. */
    public synchronized void changeRound(String newRound) {
        this.round = Objects.requireNonNull(newRound, "newRound");
        restartNumbering();
    }

    /** The operator clears the tables: ids start again at 0 in the same round; confirmed rows are gone. */
    public synchronized void clearTables() {
        table.removeIf(StoredPassing::confirmed);
        restartNumbering();
    }

    private void restartNumbering() {
        nextId = 0;
        lapsInRound.clear();
    }

    /** Reports {@code m} now and every cycle until {@link #clearMalfunction()}. */
    public synchronized void malfunction(Malfunction m) {
        this.malfunction = Objects.requireNonNull(m, "m");
        if (channel != null) {
            send(writer.malfunction(m, clock.instant()));
        }
    }

    public synchronized void clearMalfunction() {
        this.malfunction = null;
    }

    // --- the network --------------------------------------------------------------------------------

    /** A network blip: closes the TCP connection without a close frame; the station reconnects by itself. */
    public void dropConnection() {
        Channel current;
        synchronized (this) {
            current = channel;
        }
        if (current != null) {
            current.close();
        }
    }

    /** Goes offline until {@link #connect()}: closes the connection and does not reconnect. */
    public void disconnect() {
        synchronized (this) {
            online = false;
        }
        dropConnection();
    }

    /** Goes online again after {@link #disconnect()} (or connects a station that was never started). */
    public void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
            online = true;
            if (channel != null) {
                return;
            }
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                noteError("connect to " + uri + " failed: " + f.cause());
                scheduleReconnect();
            } else {
                f.channel().closeFuture().addListener(closedFuture -> onConnectionClosed(f.channel()));
            }
        });
    }

    private void onConnectionClosed(Channel closedChannel) {
        synchronized (this) {
            if (channel == closedChannel) {
                channel = null;
            }
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        synchronized (this) {
            if (closed || !online || channel != null) {
                return;
            }
        }
        group.next().schedule(() -> {
            synchronized (this) {
                if (closed || !online || channel != null) {
                    return;
                }
            }
            connect();
        }, reconnectDelay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onHandshakeComplete(Channel ch) {
        synchronized (this) {
            channel = ch;
            connection++;
            handshakes.incrementAndGet();
            keepaliveId = -1;
            keepaliveConfirmed = true;
            connectedId = nextId;
            connectedConfirmed = false;
            send(writer.connected(connectedId, version, clock.instant()));
        }
        LOG.debug("{} connected to {}", station, uri);
    }

    /** One event cycle: keepalive, then every unconfirmed PDU again, then the malfunction if any. */
    private void runCycle() {
        synchronized (this) {
            if (channel == null) {
                return;
            }
            Instant now = clock.instant();
            if (keepaliveConfirmed) {
                keepaliveId++;
                keepaliveConfirmed = false;
            } else {
                resends.incrementAndGet();
            }
            send(writer.keepalive(keepaliveId, now));
            if (!connectedConfirmed) {
                resends.incrementAndGet();
                send(writer.connected(connectedId, version, now));
            }
            for (StoredPassing row : table) {
                if (row.confirmed()) {
                    continue;
                }
                if (!channel.isWritable()) {
                    break;
                }
                if (row.sends() > 0) {
                    resends.incrementAndGet();
                }
                send(writer.passing(row, now));
                row.sentOn(connection);
            }
            if (malfunction != null) {
                send(writer.malfunction(malfunction, now));
            }
            // a confirmed passing is never needed again; keep the table from growing on long runs
            table.removeIf(StoredPassing::confirmed);
        }
    }

    /** The send buffer drained: write the passings this connection has not seen yet, oldest first. */
    private void sendUnsent(Channel ready) {
        synchronized (this) {
            if (ready != channel) {
                return;
            }
            for (StoredPassing row : table) {
                if (!channel.isWritable()) {
                    return;
                }
                if (!row.confirmed() && row.sentOnConnection() != connection) {
                    send(writer.passing(row, clock.instant()));
                    row.sentOn(connection);
                }
            }
        }
    }

    /** Caller holds the lock and {@code channel} is set. */
    private void send(String pdu) {
        channel.writeAndFlush(new TextWebSocketFrame(pdu));
        framesSent.incrementAndGet();
        for (Consumer<String> listener : frameListeners) {
            listener.accept(pdu);
        }
    }

    private void onServerText(Channel from, String text) {
        confirmations.add(text);
        synchronized (this) {
            if (from != channel) {
                return;
            }
            if (lostConfirmationShare > 0 && random.nextDouble() < lostConfirmationShare) {
                ignoredConfirmations.incrementAndGet();
                return;
            }
            if (text.equals(PONG)) {
                keepaliveConfirmed = true;
            } else if (text.startsWith(BUMB)) {
                confirm(text.substring(BUMB.length()));
            } else {
                noteError("unexpected text from server: " + abbreviate(text));
            }
        }
    }

    private void confirm(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            noteError("confirmation with a non-numeric id: " + abbreviate(idText));
            return;
        }
        if (!connectedConfirmed && connectedId == id) {
            connectedConfirmed = true;
        }
        List<StoredPassing> rows = unconfirmedById.get(id);
        if (rows == null) {
            return;
        }
        rows.removeIf(row -> {
            if (row.sentOnConnection() != connection) {
                return false;
            }
            row.confirm();
            return true;
        });
        if (rows.isEmpty()) {
            unconfirmedById.remove(id);
        }
    }

    private synchronized void noteError(String error) {
        lastError = error;
        LOG.debug("{}: {}", station, error);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    // --- observations -------------------------------------------------------------------------------

    /** Whether the WebSocket handshake is done and the station is sending. */
    public synchronized boolean isConnected() {
        return channel != null;
    }

    /** Waits until connected; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return awaitState(timeout, s -> s.isConnected());
    }

    /** Every passing the station registered and still holds unconfirmed, oldest first. */
    public synchronized List<SentPassing> unconfirmed() {
        return table.stream().filter(r -> !r.confirmed()).map(StoredPassing::passing).toList();
    }

    /** Waits until every registered passing is confirmed; false on timeout. */
    public boolean awaitAllConfirmed(Duration timeout) throws InterruptedException {
        return awaitState(timeout, s -> s.unconfirmed().isEmpty());
    }

    /** Whether the last {@code connected} PDU of the current connection was confirmed. */
    public synchronized boolean connectedConfirmed() {
        return channel != null && connectedConfirmed;
    }

    private boolean awaitState(Duration timeout, Predicate<ChronoFlySimulator> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Every text frame the server sent, in order of arrival (including ignored ones). */
    public List<String> confirmationsReceived() {
        return List.copyOf(confirmations);
    }

    /** Frames written, first sends and re-sends. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Re-sent PDUs (passings, connected, keepalives) so far. */
    public long resends() {
        return resends.get();
    }

    /** Confirmations dropped by the {@link Builder#loseConfirmations} fault. */
    public long ignoredConfirmations() {
        return ignoredConfirmations.get();
    }

    /** Completed WebSocket handshakes (1 + reconnects). */
    public long handshakes() {
        return handshakes.get();
    }

    /** The last connection problem or protocol oddity seen, empty if none. */
    public synchronized String lastError() {
        return lastError;
    }

    /** Calls {@code listener} with the text of every PDU written (on the writing thread). */
    public void onFrameSent(Consumer<String> listener) {
        frameListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public String station() {
        return station;
    }

    public synchronized String round() {
        return round;
    }

    @Override
    public void close() {
        Channel current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            online = false;
            current = channel;
            if (cycleTask != null) {
                cycleTask.cancel(false);
            }
        }
        if (current != null) {
            current.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Reads the server's confirmations; hands completed handshakes to the simulator. */
    private final class ServerTextHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                onHandshakeComplete(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            onServerText(ctx.channel(), frame.text());
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (ctx.channel().isWritable()) {
                sendUnsent(ctx.channel());
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            noteError(cause.toString());
            ctx.close();
        }
    }

    /** Settings of a simulated station; every one has a default except the server URI. */
    public static final class Builder {
        private final URI uri;
        private String station = "ChronoFly-12345";
        private String competition = "166656";
        private String round = "Round 1";
        private String stationType = "Track-Finish";
        private String version = "1.2.30";
        private ZoneId zone = ZoneId.systemDefault();
        private TimeStyle timeStyle = TimeStyle.ISO_OFFSET;
        private PduSigner signer = PduSigner.fixed(PduSigner.PLACEHOLDER);
        private Duration cycle = Duration.ofSeconds(30);
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private double lostConfirmationShare;
        private long seed = 1;
        private boolean trustAnyCertificate;
        private X509Certificate[] trustedCertificates;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                throw new IllegalArgumentException("Expected a ws:// or wss:// URI with a host, got " + uri);
            }
            this.uri = uri;
        }

        /** ChronoFly station identifier. */
        public Builder station(String value) {
            this.station = requireText(value, "station");
            return this;
        }

        /** ChronoFly competition identifier. */
        public Builder competition(String value) {
            this.competition = requireText(value, "competition");
            return this;
        }

        /** The round selected at start. */
        public Builder round(String value) {
            this.round = requireText(value, "round");
            return this;
        }

        /** The station type selected at start (one of the document's types, or anything to test with). */
        public Builder stationType(String value) {
            this.stationType = requireText(value, "stationType");
            return this;
        }

        /** ChronoFly version reported in the {@code connected} PDU. */
        public Builder version(String value) {
            this.version = requireText(value, "version");
            return this;
        }

        /** The station's time zone: the offset of ISO times and the clock of time-of-day times. */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        public Builder timeStyle(TimeStyle value) {
            this.timeStyle = Objects.requireNonNull(value, "timeStyle");
            return this;
        }

        /** Signs every PDU's {@code data} with the station's RSA key. */
        public Builder signWith(java.security.PrivateKey key, SignatureEncoding encoding) {
            this.signer = PduSigner.rsa(key, encoding);
            return this;
        }

        /** Sends {@code text} as every PDU's signature (default: the document's placeholder). */
        public Builder fixedSignature(String text) {
            this.signer = PduSigner.fixed(text);
            return this;
        }

        /** The event cycle: keepalive and re-send interval (ChronoFly: 30 s; tests use less). */
        public Builder cycle(Duration value) {
            this.cycle = requirePositive(value, "cycle");
            return this;
        }

        public Builder reconnectDelay(Duration value) {
            this.reconnectDelay = requirePositive(value, "reconnectDelay");
            return this;
        }

        /** Clock of the {@code sent} times. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Fault: ignore this share (0..1) of the server's confirmations, as if lost in transit. */
        public Builder loseConfirmations(double share, long randomSeed) {
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("share must be in [0, 1), got " + share);
            }
            this.lostConfirmationShare = share;
            this.seed = randomSeed;
            return this;
        }

        /** For {@code wss://}: trust exactly these certificates instead of the JVM's trust store. */
        public Builder trust(X509Certificate... certificates) {
            this.trustedCertificates = certificates.clone();
            return this;
        }

        /** For {@code wss://} against a test server: accept any certificate. Never in production. */
        public Builder trustAnyCertificate() {
            this.trustAnyCertificate = true;
            return this;
        }

        public ChronoFlySimulator build() {
            return new ChronoFlySimulator(this);
        }

        private SslContext sslContext() {
            if (!"wss".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            try {
                SslContextBuilder ctx = SslContextBuilder.forClient();
                if (trustAnyCertificate) {
                    ctx.trustManager(InsecureTrustManagerFactory.INSTANCE);
                } else if (trustedCertificates != null) {
                    ctx.trustManager(trustedCertificates);
                }
                return ctx.build();
            } catch (SSLException e) {
                throw new IllegalStateException("Could not set up TLS for " + uri, e);
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }
    }
}
