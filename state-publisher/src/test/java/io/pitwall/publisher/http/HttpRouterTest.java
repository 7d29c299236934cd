package io.pitwall.publisher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.fanout.FrameEncoder;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.sse.SseUpgrade;
import io.pitwall.publisher.store.DefaultServiceSelector;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.t71.T71Upgrade;
import io.pitwall.publisher.web.StaticResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request/response routes, as a CDN or a curl user sees them. */
class HttpRouterTest {

    private static final String UUID = "dd203019f9fc49e2a954a3b9281a4927";

    private final PublisherMetrics metrics = new PublisherMetrics();
    private final ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
    private final FeedHub hub = new FeedHub(store, new FrameEncoder(UnpooledByteBufAllocator.DEFAULT, true, 6));
    private final FanoutSettings settings = new FanoutSettings(Duration.ofSeconds(15), Duration.ofSeconds(30));

    @AfterEach
    void close() {
        metrics.close();
    }

    private FullHttpResponse get(String uri, String ifNoneMatch) {
        return request(HttpMethod.GET, uri, ifNoneMatch);
    }

    private FullHttpResponse request(HttpMethod method, String uri, String ifNoneMatch) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRouter(HttpRouter.Flavour.MAIN, store,
                new T71Upgrade(hub, settings, metrics, true), new SseUpgrade(hub, settings, metrics, "*"),
                new StaticResources("web"), metrics, new HealthCheck(() -> true, store::isReady), "*"));
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (ifNoneMatch != null) {
            req.headers().set(HttpHeaderNames.IF_NONE_MATCH, ifNoneMatch);
        }
        ch.writeInbound(req);
        FullHttpResponse response = ch.readOutbound();
        ch.finishAndReleaseAll();
        return response;
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    private void loadService() throws Exception {
        DocumentParser parser = new DocumentParser(Fixtures.MAPPER);
        store.put(DocumentKind.MANIFEST, UUID, parser.parse(DocumentKind.MANIFEST,
                Fixtures.bytes(Fixtures.manifest(Fixtures.ELMS)), 0, 0));
        store.put(DocumentKind.STATE, UUID, parser.parse(DocumentKind.STATE,
                Fixtures.bytes(Fixtures.state(Fixtures.ELMS)), 0, 0));
        store.markReady();
    }

    @Test
    void stateIsServedWithAnETagAndShortCdnCaching() throws Exception {
        loadService();
        FullHttpResponse r = get("/api/services/" + UUID + "/state", null);
        assertThat(r.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=1");
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
        String etag = r.headers().get(HttpHeaderNames.ETAG);
        assertThat(Fixtures.parse(body(r))).isEqualTo(Fixtures.state(Fixtures.ELMS));

        FullHttpResponse revalidated = get("/api/services/" + UUID + "/state", etag);
        assertThat(revalidated.status()).isEqualTo(HttpResponseStatus.NOT_MODIFIED);
        assertThat(revalidated.headers().get(HttpHeaderNames.ETAG)).isEqualTo(etag);
        assertThat(body(revalidated)).isEmpty();
    }

    @Test
    void manifestAndDirectory() throws Exception {
        loadService();
        FullHttpResponse m = get("/api/services/" + UUID + "/manifest", null);
        assertThat(m.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=5");
        assertThat(Fixtures.parse(body(m)).path("name").asText()).isEqualTo("European Le Mans Series");

        FullHttpResponse d = get("/api/services", null);
        assertThat(d.status()).isEqualTo(HttpResponseStatus.OK);
        var directory = Fixtures.parse(body(d));
        assertThat(directory.path("default").asText()).isEqualTo(UUID);
        assertThat(directory.path("services").get(0).path("colSpec").isArray()).isTrue();
    }

    @Test
    void headGivesHeadersWithoutBody() throws Exception {
        loadService();
        FullHttpResponse r = request(HttpMethod.HEAD, "/api/services/" + UUID + "/state", null);
        assertThat(r.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(Integer.parseInt(r.headers().get(HttpHeaderNames.CONTENT_LENGTH))).isGreaterThan(10_000);
        assertThat(body(r)).isEmpty();
    }

    @Test
    void unknownServicesAre404OnceReadyAnd503WhileStarting() throws Exception {
        FullHttpResponse starting = get("/api/services/nope/state", null);
        assertThat(starting.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(starting.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("2");
        starting.release();
        assertThat(get("/api/services", null).status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        loadService();
        FullHttpResponse missing = get("/api/services/nope/state", null);
        assertThat(missing.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        missing.release();
        FullHttpResponse noAnalysis = get("/api/services/" + UUID + "/analysis", null);
        assertThat(noAnalysis.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        noAnalysis.release();
    }

    @Test
    void healthFollowsReadiness() throws Exception {
        FullHttpResponse live = get("/health/live", null);
        assertThat(live.status()).isEqualTo(HttpResponseStatus.OK);
        live.release();
        FullHttpResponse notReady = get("/health/ready", null);
        assertThat(notReady.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        notReady.release();
        loadService();
        FullHttpResponse ready = get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(body(ready)).contains("\"services\":1");
    }

    @Test
    void metricsArePrometheusText() {
        FullHttpResponse r = get("/metrics", null);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain");
        assertThat(body(r)).contains("pitwall_publisher_clients{transport=\"t71\"}")
                .contains("pitwall_publisher_connections_open");
    }

    @Test
    void thePageAndItsAssetsAreServedAndNothingOutsideWeb() {
        FullHttpResponse page = get("/", null);
        assertThat(page.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/html");
        assertThat(page.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(body(page)).contains("/assets/app.js");
        FullHttpResponse deepLink = get("/services/" + UUID, null);
        assertThat(deepLink.status()).isEqualTo(HttpResponseStatus.OK);
        deepLink.release();
        FullHttpResponse js = get("/assets/app.js", null);
        assertThat(js.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/javascript");
        js.release();
        for (String evil : new String[] {"/assets/../logback-test.xml", "/assets/%2e%2e/io/pitwall/publisher/logback-service.xml",
                "/assets/..%2fweb/index.html"}) {
            FullHttpResponse r = get(evil, null);
            assertThat(r.status()).as(evil).isEqualTo(HttpResponseStatus.NOT_FOUND);
            r.release();
        }
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        FullHttpResponse r = request(HttpMethod.POST, "/api/services", null);
        assertThat(r.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(r.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        r.release();
    }
}
