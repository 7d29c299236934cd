package io.pitwall.ingest.core.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a service, for Kubernetes probes and Prometheus:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while every liveness check is up, else 503</li>
 *   <li>{@code GET /health/ready}: 200 while every readiness check is up, else 503</li>
 *   <li>{@code GET /metrics}: Prometheus text format (OpenMetrics when the scraper asks for it)</li>
 * </ul>
 * Health bodies are JSON: {@code {"status":"UP","checks":{"kafka":{"status":"UP","detail":"..."}}}}.
 *
 * <p>The JDK's built-in HTTP server is enough for a few probe requests per second and keeps this off
 * the Netty event loops that serve the hardware, so a slow scrape can never delay a confirm.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // the content types PrometheusMeterRegistry.scrape(String) understands (Prometheus client 1.x writers)
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @param bindAddress interface to listen on, {@code 0.0.0.0} for all (what Kubernetes probes need)
     * @param port        TCP port, 0 for any free port (see {@link #port()})
     * @param health      the checks to report
     * @param metrics     the registry to scrape
     * @throws IOException when the port cannot be bound
     */
    public static HealthServer start(String bindAddress, int port, HealthRegistry health,
            PrometheusMeterRegistry metrics) throws IOException {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(metrics, "metrics");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new IOException("Cannot listen for health/metrics on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/health/live", exchange -> serve(exchange, () -> healthResponse(health.liveness())));
        server.createContext("/health/ready", exchange -> serve(exchange, () -> healthResponse(health.readiness())));
        server.createContext("/metrics", exchange -> serve(exchange, () -> metricsResponse(metrics, exchange)));
        server.createContext("/", exchange -> serve(exchange,
                () -> new Response(404, "text/plain; charset=utf-8", "Not found. Try /health/live, /health/ready or /metrics\n")));
        server.start();
        LOG.info("Health and metrics on http://{}:{} (/health/live, /health/ready, /metrics)",
                bindAddress, server.getAddress().getPort());
        return new HealthServer(server, executor);
    }

    /** The port actually bound (useful when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void serve(HttpExchange exchange, Supplier<Response> handler) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            Response response;
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = new Response(405, "text/plain; charset=utf-8", "Only GET and HEAD\n");
            } else if (exact(exchange) || exchange.getHttpContext().getPath().equals("/")) {
                response = handler.get();
            } else {
                response = new Response(404, "text/plain; charset=utf-8", "Not found\n");
            }
            byte[] body = response.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (head) {
                exchange.sendResponseHeaders(response.status, -1);
            } else {
                exchange.sendResponseHeaders(response.status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            // an exception escaping to the JDK server would just drop the connection without a trace
            LOG.warn("Health/metrics request {} failed", exchange.getRequestURI(), e);
        }
    }

    // JDK contexts match by prefix; /health/ready/x must not answer as /health/ready
    private static boolean exact(HttpExchange exchange) {
        return exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath());
    }

    private static Response healthResponse(HealthReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", report.up() ? "UP" : "DOWN");
        ObjectNode checks = root.putObject("checks");
        for (Map.Entry<String, CheckResult> e : report.checks().entrySet()) {
            ObjectNode check = checks.putObject(e.getKey());
            check.put("status", e.getValue().up() ? "UP" : "DOWN");
            check.put("detail", e.getValue().detail());
        }
        return new Response(report.up() ? 200 : 503, "application/json", root.toString() + "\n");
    }

    private static Response metricsResponse(PrometheusMeterRegistry metrics, HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT
                : PROMETHEUS_TEXT;
        return new Response(200, contentType, metrics.scrape(contentType));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pitwall-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Response(int status, String contentType, String body) {
    }
}
