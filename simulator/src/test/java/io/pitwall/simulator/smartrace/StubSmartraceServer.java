package io.pitwall.simulator.smartrace;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Smartrace Connect for the sensor tests: records what sensors send, per connection, and
 * answers {@code api_version} with the document's three replies (unless told not to).
 */
final class StubSmartraceServer implements AutoCloseable {

    record Received(int connection, String text) {
    }

    static final List<String> HANDSHAKE_REPLIES = List.of(
            "{\"type\":\"update_controller_data\",\"data\":{\"1\":{\"color\":\"black\",\"backgroundColor\":\"white\",\"driver\":\"Nic\"}}}",
            "{\"type\":\"update_server_info\",\"data\":{\"is_subscribed\":false}}",
            "{\"type\":\"api_version\",\"data\":{\"api_version\":7}}");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Channel> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Channel server;
    private volatile boolean answerApiVersion = true;

    StubSmartraceServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int connection = connectionCount.incrementAndGet();
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/", null, false, 65_536, false, true),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        String text = frame.text();
                                        received.add(new Received(connection, text));
                                        if (answerApiVersion && text.contains("\"api_version\"")) {
                                            HANDSHAKE_REPLIES.forEach(r -> ctx.write(new TextWebSocketFrame(r)));
                                            ctx.flush();
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
    }

    void answerApiVersion(boolean answer) {
        this.answerApiVersion = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> texts() {
        return received.stream().map(Received::text).toList();
    }

    /** Closes every open sensor connection, as a server restart would. */
    void dropConnections() {
        connections.forEach(Channel::close);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
