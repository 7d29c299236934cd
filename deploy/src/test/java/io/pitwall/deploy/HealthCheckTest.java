package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image HEALTHCHECK program. */
class HealthCheckTest {

    @TempDir
    Path dir;

    @Test
    void findsThePortInTheEnvironmentThenInTheImage() throws IOException {
        Path portFile = Files.writeString(dir.resolve("http.port"), "9402\n");
        assertThat(HealthCheck.url(Map.of(), portFile)).isEqualTo(URI.create("http://127.0.0.1:9402/health/ready"));
        assertThat(HealthCheck.url(Map.of("PUBLISHER_HTTP_PORT", "8081"), portFile))
                .isEqualTo(URI.create("http://127.0.0.1:8081/health/ready"));
        assertThat(HealthCheck.url(Map.of("HTTP_PORT", "9500", "PUBLISHER_HTTP_PORT", "8081"), portFile))
                .isEqualTo(URI.create("http://127.0.0.1:9500/health/ready"));
        assertThat(HealthCheck.url(Map.of("HTTP_PORT", " ", "PITWALL_HEALTH_URL", "http://10.0.0.1:1/x"), portFile))
                .isEqualTo(URI.create("http://10.0.0.1:1/x"));
        assertThatThrownBy(() -> HealthCheck.url(Map.of("HTTP_PORT", "0"), portFile))
                .hasMessageContaining("PITWALL_HEALTH_URL");
    }

    @Test
    void reportsTheStatusOfReadiness() throws IOException {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/ready", exchange -> {
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
            assertThat(HealthCheck.get(url)).isEqualTo(503);
            status.set(200);
            assertThat(HealthCheck.get(url)).isEqualTo(200);
        } finally {
            server.stop(0);
        }
    }
}
