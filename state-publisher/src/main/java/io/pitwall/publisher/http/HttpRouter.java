package io.pitwall.publisher.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.publisher.sse.SseUpgrade;
import io.pitwall.publisher.store.Directory;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.ServiceSnapshot;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.t71.T71Upgrade;
import io.pitwall.publisher.web.StaticResources;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each HTTP request. Request/response routes are answered here; a WebSocket or SSE request
 * re-shapes the pipeline for a long-lived subscriber and the router steps out of the way.
 *
 * <p>Two flavours: the main port serves everything; the Timing71 port speaks only the t71 WebSocket
 * protocol ({@code /} and {@code /services/{uuid}}), as Timing71's {@code t71://host:port} source
 * expects.
 */
public final class HttpRouter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** Handlers the pipeline initializers add that only serve request/response HTTP. */
    public static final Set<String> REQUEST_HANDLERS = Set.of("compressor", "aggregator", "idle");

    private static final String UUID = "([A-Za-z0-9_\\-]{1,128})";
    private static final Pattern API_DOCUMENT = Pattern.compile("/api/services/" + UUID + "/(manifest|state|analysis|events)");
    private static final Pattern PAGE = Pattern.compile("/services/" + UUID + "/?");
    private static final Pattern MAIN_T71 = Pattern.compile("/t71(?:/" + UUID + ")?/?");
    private static final Pattern PORT_T71 = Pattern.compile("/(?:services/" + UUID + "/?)?");

    /** Which routes a port serves. */
    public enum Flavour { MAIN, T71_ONLY }

    private final Flavour flavour;
    private final ServiceStore store;
    private final T71Upgrade t71;
    private final SseUpgrade sse;
    private final StaticResources web;
    private final PublisherMetrics metrics;
    private final HealthCheck health;
    private final String corsOrigin;

    public HttpRouter(Flavour flavour, ServiceStore store, T71Upgrade t71, SseUpgrade sse, StaticResources web,
                      PublisherMetrics metrics, HealthCheck health, String corsOrigin) {
        this.flavour = flavour;
        this.store = store;
        this.t71 = t71;
        this.sse = sse;
        this.web = web;
        this.metrics = metrics;
        this.health = health;
        this.corsOrigin = corsOrigin;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        boolean handedOver = false;
        try {
            if (!request.decoderResult().isSuccess()) {
                FullHttpResponse bad = HttpResponses.text(request, HttpResponseStatus.BAD_REQUEST, "bad request\n");
                bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(bad).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            if (isWebSocketUpgrade(request)) {
                handedOver = upgradeToT71(ctx, request, path);
                return;
            }
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                FullHttpResponse response = HttpResponses.text(request, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or HEAD\n");
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
                HttpResponses.send(ctx, request, response);
                return;
            }
            if (flavour == Flavour.T71_ONLY) {
                HttpResponses.send(ctx, request, HttpResponses.text(request, HttpResponseStatus.UPGRADE_REQUIRED,
                        "Timing71 server: connect a Timing71 t71:// source (WebSocket) to / or /services/{uuid}\n"));
                return;
            }
            handedOver = routeMain(ctx, request, path);
        } finally {
            if (!handedOver) {
                request.release();
            }
        }
    }

    private boolean routeMain(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Matcher api = API_DOCUMENT.matcher(path);
        if (api.matches()) {
            return serviceResource(ctx, request, api.group(1), api.group(2));
        }
        FullHttpResponse response;
        if (path.equals("/api/services") || path.equals("/api/services/")) {
            response = directory(request);
        } else if (path.equals("/health/live")) {
            boolean up = health.live().getAsBoolean();
            response = HttpResponses.json(request, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
        } else if (path.equals("/health/ready")) {
            boolean ready = health.ready().getAsBoolean();
            response = HttpResponses.json(request, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"services\":" + store.liveCount() + "}");
        } else if (path.equals("/metrics")) {
            response = HttpResponses.plain(request, HttpResponseStatus.OK,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), "text/plain; version=0.0.4; charset=utf-8");
        } else if (path.equals("/") || PAGE.matcher(path).matches()) {
            response = staticFile(request, "index.html");
        } else if (path.startsWith("/assets/")) {
            response = staticFile(request, path.substring(1));
        } else {
            response = notFound(request);
        }
        HttpResponses.send(ctx, request, response);
        return false;
    }

    private boolean serviceResource(ChannelHandlerContext ctx, FullHttpRequest request, String uuid, String what) {
        Optional<ServiceSnapshot> service = store.get(uuid);
        if (service.isEmpty()) {
            HttpResponses.send(ctx, request, cors(unknownService(request)));
            return false;
        }
        if (what.equals("events")) {
            sse.start(ctx, uuid, REQUEST_HANDLERS);
            return false;
        }
        DocumentKind kind = switch (what) {
            case "manifest" -> DocumentKind.MANIFEST;
            case "state" -> DocumentKind.STATE;
            default -> DocumentKind.ANALYSIS;
        };
        Document doc = service.get().document(kind);
        FullHttpResponse response = doc == null
                ? HttpResponses.json(request, HttpResponseStatus.NOT_FOUND, "{\"error\":\"no " + what + " yet\"}")
                : HttpResponses.entity(request, doc.bytes(), HttpResponses.JSON, doc.etag(), cacheControl(kind));
        HttpResponses.send(ctx, request, cors(response));
        return false;
    }

    /** Timing71 publishes at most once a second, so a second of CDN caching loses nothing. */
    private static String cacheControl(DocumentKind kind) {
        return switch (kind) {
            case STATE -> "public, max-age=1";
            case MANIFEST, ANALYSIS -> "public, max-age=5";
        };
    }

    private FullHttpResponse directory(FullHttpRequest request) {
        if (!store.isReady()) {
            return cors(notReady(request));
        }
        Directory d = store.directory();
        return cors(HttpResponses.entity(request, d.bytes(), HttpResponses.JSON, d.etag(), "public, max-age=2"));
    }

    private boolean upgradeToT71(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Matcher m = (flavour == Flavour.MAIN ? MAIN_T71 : PORT_T71).matcher(path);
        if (!m.matches()) {
            HttpResponses.send(ctx, request, notFound(request));
            return false;
        }
        String uuid = m.group(1);
        if (uuid != null && store.get(uuid).isEmpty()) {
            HttpResponses.send(ctx, request, unknownService(request));
            return false;
        }
        t71.install(ctx.pipeline(), ctx.name(), request.uri(), uuid);
        ctx.fireChannelRead(request);
        ctx.pipeline().remove(this);
        return true;
    }

    private FullHttpResponse unknownService(FullHttpRequest request) {
        return store.isReady()
                ? HttpResponses.json(request, HttpResponseStatus.NOT_FOUND, "{\"error\":\"no such service\"}")
                : notReady(request);
    }

    private static FullHttpResponse notReady(FullHttpRequest request) {
        FullHttpResponse r = HttpResponses.json(request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"error\":\"starting: still reading the timing topics\"}");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "2");
        return r;
    }

    private FullHttpResponse staticFile(FullHttpRequest request, String file) {
        return web.get(file)
                .map(r -> HttpResponses.entity(request, r.bytes(), r.contentType(), r.etag(), r.cacheControl()))
                .orElseGet(() -> notFound(request));
    }

    private static FullHttpResponse notFound(FullHttpRequest request) {
        return HttpResponses.text(request, HttpResponseStatus.NOT_FOUND, "not found\n");
    }

    private FullHttpResponse cors(FullHttpResponse response) {
        if (!corsOrigin.isEmpty()) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
        }
        return response;
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.method() == HttpMethod.GET
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
