package io.pitwall.ingest.lapsnapper.codec;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A Netty client with the codec under test in its pipeline, connected over loopback. */
final class CodecClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<DecodeResult> results = new LinkedBlockingQueue<>();
    private final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger readsEndingMidFrame = new AtomicInteger();
    private final Channel channel;

    CodecClient(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadCounter());
                        LapSnapperCodec.addTo(ch.pipeline(), LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH);
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<DecodeResult>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DecodeResult result) {
                                results.add(result);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                exceptions.add(cause);
                            }
                        });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    void send(LapSnapperMessage message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    /** The next result of the given type, skipping heartbeats; fails after 5 s. */
    <T extends DecodeResult> T next(Class<T> type) throws InterruptedException {
        while (true) {
            DecodeResult result = results.poll(5, TimeUnit.SECONDS);
            if (result == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within 5 s");
            }
            if (result instanceof Heartbeat && type != Heartbeat.class) {
                continue;
            }
            if (!type.isInstance(result)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + result);
            }
            return type.cast(result);
        }
    }

    /** The next {@code count} time events, failing on anything else but heartbeats. */
    List<TimeEvent> timeEvents(int count) throws InterruptedException {
        List<TimeEvent> events = new ArrayList<>();
        while (events.size() < count) {
            events.add(next(TimeEvent.class));
        }
        return events;
    }

    ServerInfo handshake(List<Integer> password) throws InterruptedException {
        send(new ServerInfoRequest(new MessageHeader(1_000_000, 520_000), password));
        return next(ServerInfo.class);
    }

    List<Throwable> exceptions() {
        return exceptions;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** How many socket reads left a frame incomplete: evidence the bytes really arrived split. */
    int readsEndingMidFrame() {
        return readsEndingMidFrame.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Tracks the frame boundaries across reads without consuming anything. */
    private final class ReadCounter extends ChannelInboundHandlerAdapter {
        private long remainingInFrame;
        private final byte[] header = new byte[LapSnapperCodec.HEADER_LENGTH];
        private int headerFill;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            reads.incrementAndGet();
            for (int i = buf.readerIndex(); i < buf.writerIndex(); ) {
                if (remainingInFrame > 0) {
                    int skip = (int) Math.min(remainingInFrame, buf.writerIndex() - i);
                    remainingInFrame -= skip;
                    i += skip;
                } else {
                    header[headerFill++] = buf.getByte(i++);
                    if (headerFill == header.length) {
                        headerFill = 0;
                        remainingInFrame = (header[2] & 0xFFL) | (header[3] & 0xFFL) << 8
                                | (header[4] & 0xFFL) << 16 | (header[5] & 0xFFL) << 24;
                    }
                }
            }
            if (remainingInFrame > 0 || headerFill > 0) {
                readsEndingMidFrame.incrementAndGet();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
