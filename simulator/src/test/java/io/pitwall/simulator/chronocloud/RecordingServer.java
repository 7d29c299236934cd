package io.pitwall.simulator.chronocloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal WebSocket server that records every text frame a station sends, and confirms PDUs only
 * when told to (or automatically, if {@link #autoConfirm} is on), so tests control what the station sees.
 */
final class RecordingServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One received frame and the connection (1, 2, ...) it came on. */
    record Received(int connection, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String event() {
            return json().path("data").path("event").asText();
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Channel> connections = new ArrayList<>();
    private final Channel server;
    volatile boolean autoConfirm;

    RecordingServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/chronocloud", null, true),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        synchronized (connections) {
                                            connections.add(ctx.channel());
                                        }
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        int number;
                                        synchronized (connections) {
                                            number = connections.indexOf(ctx.channel()) + 1;
                                        }
                                        Received r = new Received(number, frame.text());
                                        received.add(r);
                                        if (autoConfirm) {
                                            String event = r.event();
                                            if (event.equals("keepalive")) {
                                                ctx.writeAndFlush(new TextWebSocketFrame("pong"));
                                            } else if (event.equals("passing") || event.equals("connected")) {
                                                ctx.writeAndFlush(new TextWebSocketFrame("bumb-" + r.json().path("data").path("id").asText()));
                                            }
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/chronocloud");
    }

    /** The next frame matching {@code filter}, skipping others; fails after 10 s. */
    Received next(Predicate<Received> filter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Received r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no matching frame within 10 s");
            }
            if (filter.test(r)) {
                return r;
            }
        }
    }

    Received nextEvent(String event) throws InterruptedException {
        return next(r -> r.event().equals(event));
    }

    void clear() {
        received.clear();
    }

    /** Sends {@code text} on the latest connection. */
    void send(String text) {
        Channel last;
        synchronized (connections) {
            last = connections.get(connections.size() - 1);
        }
        last.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    int connections() {
        synchronized (connections) {
            return connections.size();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
