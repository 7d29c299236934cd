package io.pitwall.publisher.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.pitwall.publisher.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Timing71 command-line-protocol client for tests: a Netty WebSocket client that records every
 * message, can offer permessage-deflate like a browser does, and can stop reading (a slow client,
 * with real TCP back-pressure) and start again.
 */
public final class T71TestClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpHeaders> handshake = new CompletableFuture<>();
    private final CompletableFuture<CloseWebSocketFrame> closed = new CompletableFuture<>();
    private final List<Integer> rawSizes = new ArrayList<>();
    private Channel channel;

    private T71TestClient() {
    }

    public static T71TestClient connect(String url, boolean deflate) throws Exception {
        return connect(url, deflate, 0);
    }

    /** @param receiveBuffer SO_RCVBUF to ask for, 0 for the default (a small one makes a paused reader stall sooner) */
    public static T71TestClient connect(String url, boolean deflate, int receiveBuffer) throws Exception {
        T71TestClient client = new T71TestClient();
        client.open(URI.create(url), deflate, receiveBuffer);
        return client;
    }

    private void open(URI uri, boolean deflate, int receiveBuffer) throws Exception {
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, true, new DefaultHttpHeaders(), 16 * 1024 * 1024);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new HandshakeSniffer());
                        if (deflate) {
                            ch.pipeline().addLast(new WebSocketClientCompressionHandler(0));
                        }
                        ch.pipeline().addLast(new WebSocketClientProtocolHandler(handshaker, false));
                        ch.pipeline().addLast(new WebSocketFrameAggregator(16 * 1024 * 1024));
                        ch.pipeline().addLast(new Recorder());
                    }
                });
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        channel = b.connect(uri.getHost(), uri.getPort()).sync().channel();
        handshake.get(10, TimeUnit.SECONDS);
    }

    private final class Recorder extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(responseHeaders);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                synchronized (rawSizes) {
                    rawSizes.add(text.content().readableBytes());
                }
                messages.add(Fixtures.parse(text.content().toString(StandardCharsets.UTF_8)));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closed.complete(close.retainedDuplicate());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            handshake.completeExceptionally(new IllegalStateException("connection closed before the handshake"));
            closed.complete(null);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Headers of the handshake response, kept before Netty's handshake handler consumes it. */
    private volatile HttpHeaders responseHeaders = new DefaultHttpHeaders();

    private final class HandshakeSniffer extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof io.netty.handler.codec.http.FullHttpResponse response) {
                responseHeaders = response.headers().copy();
                ctx.pipeline().remove(this);
            }
            super.channelRead(ctx, msg);
        }
    }

    /** The handshake response's Sec-WebSocket-Extensions, or null. */
    public String negotiatedExtensions() throws Exception {
        return handshake.get(1, TimeUnit.SECONDS).get("sec-websocket-extensions");
    }

    /** The next message, or null after {@code seconds}. */
    public JsonNode next(long seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    /** Every message received so far, in order, removed from the queue. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    /** Stops reading from the socket: the server's writes back up into TCP and then its buffers. */
    public void pause() {
        channel.config().setAutoRead(false);
    }

    public void resume() {
        channel.config().setAutoRead(true);
        channel.read();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** The close frame the server sent (null if it just dropped the connection). */
    public CloseWebSocketFrame awaitClose(long seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    /** Sizes of the text payloads as received after any decompression. */
    public List<Integer> rawSizes() {
        synchronized (rawSizes) {
            return new ArrayList<>(rawSizes);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
