package io.pitwall.publisher.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline of an HTTP port: connection limit, HTTP codec, idle timeout, gzip for REST and static
 * files, a small request aggregator (only GETs are served) and the {@link HttpRouter}. Subscriber
 * transports replace the request-only handlers when they take the connection over.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_REQUEST = 16 * 1024;
    /** Small bodies compress poorly and cost more CPU than they save. */
    private static final int COMPRESS_ABOVE = 1024;

    private final int maxConnections;
    private final Duration idleTimeout;
    private final PublisherMetrics metrics;
    private final Supplier<HttpRouter> router;

    public HttpChannelInitializer(int maxConnections, Duration idleTimeout, PublisherMetrics metrics,
                                  Supplier<HttpRouter> router) {
        this.maxConnections = maxConnections;
        this.idleTimeout = idleTimeout;
        this.metrics = metrics;
        this.router = router;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("gate", new ConnectionGate(maxConnections, true, metrics));
        p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
        // reader idle: no request on a kept-alive connection, or (after a WebSocket upgrade) not even a pong
        p.addLast("idle", new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("compressor", new HttpContentCompressor(COMPRESS_ABOVE,
                StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()));
        p.addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST));
        p.addLast("router", router.get());
    }
}
