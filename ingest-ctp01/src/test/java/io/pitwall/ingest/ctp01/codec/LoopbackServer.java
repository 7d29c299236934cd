package io.pitwall.ingest.ctp01.codec;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A minimal CTP01 server built on the codec, standing in for the ingest session: it answers the
 * client greeting with the configured request options (a fresh seed per connection), checks
 * {@code authorize}, closes on the fatal too-long line, and hands everything else to the test.
 */
final class LoopbackServer implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final Channel serverChannel;

    /**
     * @param options  request options for a connection, given that connection's fresh seed
     * @param parser   how to read lines (time format and venue)
     * @param password the one password the server accepts
     */
    LoopbackServer(Function<String, Ctp01RequestOptions> options, Supplier<Ctp01LineParser> parser,
                   String password) throws InterruptedException {
        AuthenticationSeedGenerator seeds = new AuthenticationSeedGenerator();
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Ctp01Codec.install(ch.pipeline(), parser.get(), Ctp01Codec.DEFAULT_MAX_LINE_LENGTH);
                        Connection connection = new Connection(ch, options.apply(seeds.nextSeed()), password);
                        ch.pipeline().addLast(connection.handler());
                        connections.add(connection);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    Connection nextConnection() throws InterruptedException {
        Connection connection = connections.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("no client connected within " + WAIT_SECONDS + " s");
        }
        return connection;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One client connection as the server sees it. */
    static final class Connection {
        private final Channel channel;
        private final Ctp01RequestOptions options;
        private final String password;
        private final BlockingQueue<Ctp01Inbound> inbound = new LinkedBlockingQueue<>();
        final CompletableFuture<Boolean> authorized = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        Connection(Channel channel, Ctp01RequestOptions options, String password) {
            this.channel = channel;
            this.options = options;
            this.password = password;
            channel.closeFuture().addListener(done -> closed.complete(null));
        }

        Ctp01RequestOptions options() {
            return options;
        }

        void send(Ctp01Outbound message) {
            channel.writeAndFlush(message);
        }

        /** The next message or decode error the client sent. */
        Ctp01Inbound next() throws InterruptedException {
            Ctp01Inbound message = inbound.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("nothing received within " + WAIT_SECONDS + " s");
            }
            return message;
        }

        <T extends Ctp01Inbound> T next(Class<T> type) throws InterruptedException {
            Ctp01Inbound message = next();
            if (!type.isInstance(message)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
            }
            return type.cast(message);
        }

        /** The next well-formed message, counting decode errors into {@code errors}. */
        Ctp01Message nextMessage(List<Ctp01DecodeError> errors) throws InterruptedException {
            while (true) {
                Ctp01Inbound message = next();
                if (message instanceof Ctp01Message wellFormed) {
                    return wellFormed;
                }
                errors.add((Ctp01DecodeError) message);
            }
        }

        Ctp01Inbound poll(long millis) throws InterruptedException {
            return inbound.poll(millis, TimeUnit.MILLISECONDS);
        }

        SimpleChannelInboundHandler<Ctp01Inbound> handler() {
            return new SimpleChannelInboundHandler<>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Ctp01Inbound message) {
                    if (message instanceof ClientGreeting) {
                        ctx.writeAndFlush(new ServerGreeting("Pitwall", "test", options));
                        if (options.authentication() == null || options.authentication() == AuthenticationMethod.NONE) {
                            authorized.complete(true);
                        }
                    } else if (message instanceof AuthorizeRequest request) {
                        boolean ok = Ctp01Authenticator.verify(options.authentication(), password,
                                options.authenticationSeed(), request.authenticationString());
                        authorized.complete(ok);
                        if (ok) {
                            ctx.writeAndFlush(AuthorizeReply.accept());
                        } else {
                            ctx.writeAndFlush(AuthorizeReply.reject("invalid password"))
                                    .addListener(ChannelFutureListener.CLOSE);
                        }
                    }
                    inbound.add(message);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // the codec's one fatal condition, or an I/O failure: either way this link is done
                    ctx.close();
                }
            };
        }
    }
}
