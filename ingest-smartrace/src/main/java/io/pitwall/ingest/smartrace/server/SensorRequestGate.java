package io.pitwall.ingest.smartrace.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pitwall.ingest.smartrace.codec.DecodeError;
import io.pitwall.ingest.smartrace.venue.SensorToken;
import io.pitwall.ingest.smartrace.venue.VenueRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the WebSocket upgrade request before the handshake: which venue (path or port), the token
 * when one is configured, and the connection limit. A refused request gets a plain HTTP answer (404
 * unknown venue, 401 missing or wrong token, 503 too many connections, 400 unreadable URI) and the
 * connection is closed. An accepted one goes on to the WebSocket handshake, and this handler leaves
 * the pipeline. The query string is never logged: it carries the token.
 */
final class SensorRequestGate extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(SensorRequestGate.class);
    private static final LogLimiter REFUSALS = new LogLimiter(Duration.ofSeconds(10));
    private static final String BEARER = "Bearer ";

    private final VenueRouter router;
    private final Optional<SensorToken> token;
    private final ConnectionLimit limit;
    private final SmartraceMetrics metrics;

    SensorRequestGate(VenueRouter router, Optional<SensorToken> token, ConnectionLimit limit, SmartraceMetrics metrics) {
        this.router = router;
        this.token = token;
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri;
        String path;
        try {
            uri = new QueryStringDecoder(request.uri());
            path = uri.path();
        } catch (IllegalArgumentException e) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad_request", "<unreadable>");
            return;
        }
        Optional<String> venue = router.route(path);
        if (venue.isEmpty()) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "unknown_venue", path);
            return;
        }
        if (token.isPresent() && !token.get().matches(presentedToken(uri, request))) {
            refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "bad_token", path);
            return;
        }
        if (!limit.tryAcquire()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_connections", path);
            return;
        }
        ctx.channel().closeFuture().addListener(f -> limit.release());
        ctx.channel().attr(SensorAttributes.VENUE).set(venue.get());
        ctx.channel().attr(SensorAttributes.PATH).set(path);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request.retain());
    }

    private static String presentedToken(QueryStringDecoder uri, FullHttpRequest request) {
        List<String> values = uri.parameters().get("token");
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return null;
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, String path) {
        metrics.rejected(reason);
        long suppressed = REFUSALS.tryLog(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn("Refused sensor connection from {} to '{}': {} ({}){}", ctx.channel().remoteAddress(),
                    DecodeError.excerptOf(path), reason, status.code(),
                    suppressed > 0 ? " (" + suppressed + " more refusals not logged)" : "");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(status.reasonPhrase() + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
