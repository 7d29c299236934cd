package io.pitwall.simulator.lapsnapper;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A LapSnapper socket server written from API v5.20: handshake with password check, heartbeats, decoder time,
 * time events broadcast to every handshaken client, and the remote-control interface with PIN check. Faults of a
 * real installation can be switched on at runtime through {@link #faults()} and the {@code inject…} methods.
 *
 * <pre>{@code
 * try (LapSnapperSimulator server = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0))) {
 *     server.publish(10003, 1, "Mark", System.currentTimeMillis(), 1);
 * }
 * }</pre>
 *
 * Thread-safe: publish and the fault switches may be called from any thread.
 */
public final class LapSnapperSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LapSnapperSimulator.class);

    /** System states (API 8.2) the remote-control commands move the server to. */
    static final int STATE_MAIN_MENU = 0;
    static final int STATE_TIMING = 2;
    static final int STATE_RESULTS_DIALOG = 4;

    private final LapSnapperSimulatorConfig config;
    private final LapSnapperFaults faults = new LapSnapperFaults();
    private final ServerMessages messages;
    private final EventLoopGroup group;
    private final ChannelGroup allClients = new DefaultChannelGroup("lapsnapper-clients", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup handshakenClients =
            new DefaultChannelGroup("lapsnapper-handshaken", GlobalEventExecutor.INSTANCE);
    private final List<ReceivedCommand> received = new CopyOnWriteArrayList<>();
    private final Object eventLock = new Object();
    private final ArrayDeque<SentTimeEvent> sent = new ArrayDeque<>();
    private final List<SentTimeEvent> heldBack = new ArrayList<>();
    private long lastTimeStampId;
    private volatile int systemState = STATE_MAIN_MENU;
    private final Channel serverChannel;
    private final ScheduledFuture<?> heartbeats;

    private LapSnapperSimulator(LapSnapperSimulatorConfig config) throws InterruptedException {
        this.config = config;
        this.messages = new ServerMessages(config.productId(), config.serverVersion());
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("lapsnapper-simulator", true),
                NioIoHandler.newFactory());
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            allClients.add(ch);
                            ch.pipeline()
                                    .addLast("shaper", new WriteShaper(faults))
                                    .addLast("frames", new LapSnapperWire.FrameReader())
                                    .addLast("session", new ClientSession(LapSnapperSimulator.this));
                        }
                    })
                    .bind(config.bindAddress(), config.port()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        long interval = config.heartbeatInterval().toMillis();
        heartbeats = group.next().scheduleAtFixedRate(this::sendHeartbeats, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("LapSnapper simulator listening on {}", serverChannel.localAddress());
    }

    /** Starts a simulator; it listens when this returns. */
    public static LapSnapperSimulator start(LapSnapperSimulatorConfig config) {
        try {
            return new LapSnapperSimulator(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public LapSnapperSimulatorConfig config() {
        return config;
    }

    public LapSnapperFaults faults() {
        return faults;
    }

    /**
     * Registers a passing and broadcasts it as 6110 Time Event to every handshaken client (unless an out-of-order
     * burst holds it back for now).
     *
     * @return the timeStampID assigned, increasing by one per call
     */
    public long publish(int transponderId, int transponderInstance, String transponderName, long absoluteTimeMillis,
                        int lapLine) {
        synchronized (eventLock) {
            SentTimeEvent event = new SentTimeEvent(++lastTimeStampId, transponderId, transponderInstance,
                    transponderName, absoluteTimeMillis, lapLine);
            int burst = faults.outOfOrderBurst();
            if (burst > 0 || !heldBack.isEmpty()) {
                heldBack.add(event);
                if (heldBack.size() >= burst) {
                    releaseHeldLocked();
                }
            } else {
                sendLocked(event);
            }
            return event.timeStampId();
        }
    }

    /** Sends any events an out-of-order burst still holds, shuffled. */
    public void releaseHeldEvents() {
        synchronized (eventLock) {
            releaseHeldLocked();
        }
    }

    /** The time events sent so far (at most the configured buffer), in the order they were sent. */
    public List<SentTimeEvent> sentEvents() {
        synchronized (eventLock) {
            return List.copyOf(sent);
        }
    }

    /** Every frame any client sent, in arrival order, with what the simulator did with it. */
    public List<ReceivedCommand> receivedCommands() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    /** The current system state (API 8.2): 0 main menu, 2 timing after a start, 4 results after a stop. */
    public int systemState() {
        return systemState;
    }

    public int connectedClients() {
        return allClients.size();
    }

    public int handshakenClients() {
        return handshakenClients.size();
    }

    /** Resets every connection at once (TCP RST, no goodbye), as a crashed server or a pulled cable would. */
    public void disconnectAllClients() {
        for (Channel client : allClients) {
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            client.close();
        }
    }

    /** Sends every handshaken client a frame with a correct header and a payload that is not JSON. */
    public void injectGarbageFrame() {
        broadcast(ServerMessages.TIME_EVENT,
                "\u0000garbage from a confused server, not JSON {{{".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends every handshaken client a well-formed frame with a message id API v5.20 does not define. */
    public void injectUnknownMessage() {
        broadcast(ServerMessages.UNKNOWN, messages.unknownMessage());
    }

    /** An operator action at the LapSnapper screen: broadcast a StartMatic status with the configured PIN. */
    public void publishStartMaticStatus(int status, long data, long data2) {
        broadcast(ServerMessages.START_MATIC_STATUS,
                messages.startMaticStatus(config.productId(), config.pinCode(), status, data, data2));
    }

    @Override
    public void close() {
        heartbeats.cancel(false);
        serverChannel.close().syncUninterruptibly();
        allClients.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- called by ClientSession on the client's event loop ----

    void record(RawFrame frame, CommandOutcome outcome) {
        received.add(new ReceivedCommand(Instant.now(), frame, outcome));
    }

    void sendServerInfoFailed(Channel client) {
        write(client, ServerMessages.SERVER_INFO_FAILED, messages.serverInfoFailed(1));
    }

    void completeHandshake(Channel client) {
        // Joining the broadcast group first is safe on the client's event loop: a broadcast from elsewhere is
        // queued behind this task, so 6001 still goes out first, and a client that has read 6001 is sure to
        // receive every later event.
        handshakenClients.add(client);
        write(client, ServerMessages.SERVER_INFO, messages.serverInfo(config.decoder(), systemState));
        int resend = faults.resendOnReconnect();
        if (resend > 0) {
            List<SentTimeEvent> again;
            synchronized (eventLock) {
                List<SentTimeEvent> all = new ArrayList<>(sent);
                again = all.subList(Math.max(0, all.size() - resend), all.size());
            }
            again.forEach(event -> write(client, ServerMessages.TIME_EVENT, messages.timeEvent(event)));
        }
    }

    void answerDecoderTime(Channel client) {
        if (faults.decoderTimeUnavailable()) {
            write(client, ServerMessages.DECODER_TIME_FAILED, messages.decoderTimeFailed());
        } else {
            long decoderTime = System.currentTimeMillis() + config.decoderClockOffset().toMillis();
            write(client, ServerMessages.DECODER_TIME, messages.decoderTime(decoderTime));
        }
    }

    void applyRemoteControl(int messageId, JsonNode command) {
        switch (messageId) {
            case 6400 -> systemState = STATE_RESULTS_DIALOG;
            case 6401 -> systemState = STATE_MAIN_MENU;
            case 6402 -> systemState = STATE_TIMING;
            case 6403 -> broadcast(ServerMessages.START_MATIC_STATUS, messages.startMaticStatus(
                    command.path("messageHeader").path("lapSnapperProductID").asInt(),
                    command.path("pinCode").asText(), command.path("startMaticStatus").asInt(),
                    command.path("startMaticData").asLong(), command.path("startMaticData2").asLong()));
            default -> {
                // 6404 session information and 6405 track settings change what the operator sees, not the state
            }
        }
    }

    // ---- internals ----

    private void sendHeartbeats() {
        if (!faults.heartbeatsStalled()) {
            broadcast(ServerMessages.HEARTBEAT, messages.heartbeat());
        }
    }

    private void releaseHeldLocked() {
        Collections.shuffle(heldBack, ThreadLocalRandom.current());
        heldBack.forEach(this::sendLocked);
        heldBack.clear();
    }

    private void sendLocked(SentTimeEvent event) {
        broadcast(ServerMessages.TIME_EVENT, messages.timeEvent(event));
        sent.addLast(event);
        while (sent.size() > config.sentEventBuffer()) {
            sent.removeFirst();
        }
    }

    private void broadcast(int messageId, byte[] payload) {
        handshakenClients.writeAndFlush(LapSnapperWire.frame(ByteBufAllocator.DEFAULT, messageId, payload));
    }

    private static void write(Channel client, int messageId, byte[] payload) {
        client.writeAndFlush(LapSnapperWire.frame(client.alloc(), messageId, payload));
    }
}
