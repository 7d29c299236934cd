package io.pitwall.publisher.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/** Building and sending request/response HTTP answers with the caching headers a CDN needs. */
final class HttpResponses {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private HttpResponses() {
    }

    /**
     * A cacheable entity: 304 when the client (or CDN) already holds this ETag, else the body. HEAD
     * gets the same headers without the body.
     */
    static FullHttpResponse entity(FullHttpRequest request, byte[] body, String contentType, String etag,
                                   String cacheControl) {
        String cached = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        boolean notModified = cached != null && matches(cached, etag);
        FullHttpResponse response;
        if (notModified) {
            response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_MODIFIED);
        } else {
            ByteBuf content = request.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
            response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK, content);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            HttpUtil.setContentLength(response, body.length);
        }
        response.headers()
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
                .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        return response;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    static FullHttpResponse text(FullHttpRequest request, HttpResponseStatus status, String body) {
        return plain(request, status, body.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    static FullHttpResponse json(FullHttpRequest request, HttpResponseStatus status, String body) {
        return plain(request, status, body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** Not cacheable: health, metrics, errors. */
    static FullHttpResponse plain(FullHttpRequest request, HttpResponseStatus status, byte[] body, String contentType) {
        ByteBuf content = request.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    /** Sends and keeps the connection for the next request when the client allows it. */
    static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            if (request.protocolVersion().equals(io.netty.handler.codec.http.HttpVersion.HTTP_1_0)) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
