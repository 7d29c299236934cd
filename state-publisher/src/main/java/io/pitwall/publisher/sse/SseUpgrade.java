package io.pitwall.publisher.sse;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Turns an HTTP request for {@code /api/services/{uuid}/events} into an event stream: a chunked
 * {@code text/event-stream} response that stays open, with a {@code manifest}, {@code state} and
 * (when there is one) {@code analysis} event at once and again on every change.
 */
public final class SseUpgrade {

    /** How long an EventSource waits before reconnecting after the stream drops. */
    private static final byte[] PREAMBLE = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);

    private final FeedHub hub;
    private final FanoutSettings settings;
    private final PublisherMetrics metrics;
    private final String corsOrigin;

    public SseUpgrade(FeedHub hub, FanoutSettings settings, PublisherMetrics metrics, String corsOrigin) {
        this.hub = hub;
        this.settings = settings;
        this.metrics = metrics;
        this.corsOrigin = corsOrigin;
    }

    /**
     * @param ctx             the router's context; the router and the request-only handlers are removed
     * @param requestHandlers names of handlers that only make sense for request/response HTTP
     */
    public void start(ChannelHandlerContext ctx, String serviceUuid, Set<String> requestHandlers) {
        ChannelPipeline pipeline = ctx.pipeline();
        for (String name : requestHandlers) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        SseSubscriber subscriber = new SseSubscriber(ctx.channel(), settings, metrics);
        pipeline.addLast("sse", new SseHandler(subscriber));
        pipeline.remove(ctx.handler());

        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                // nginx and friends buffer responses unless told otherwise
                .set("X-Accel-Buffering", "no");
        if (!corsOrigin.isEmpty()) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
        }
        ctx.channel().write(response);
        ctx.channel().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(PREAMBLE)));
        hub.subscribe(serviceUuid, subscriber);
    }
}
