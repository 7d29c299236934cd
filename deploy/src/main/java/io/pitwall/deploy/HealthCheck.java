package io.pitwall.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The container image's {@code HEALTHCHECK}: exit status 0 when the service answers {@code GET /health/ready}
 * with 200, 1 otherwise. The runtime image is distroless (no shell, no curl), so this JDK-only class is compiled
 * into the image by {@code deploy/docker/assemble.sh} and run with a tiny heap.
 *
 * <p>Readiness rather than liveness, because what Docker's health status is used for (compose's
 * {@code depends_on: condition: service_healthy}) means "can do its work". Kubernetes ignores image health
 * checks and uses the probes in the manifests.
 *
 * <p>The URL, first match wins: {@code PITWALL_HEALTH_URL}; {@code HTTP_PORT} (ingest-core services and the lap
 * processor); {@code PUBLISHER_HTTP_PORT} (state publisher); the image's default port in {@code /app/http.port}.
 */
public final class HealthCheck {

    static final String URL_ENV = "PITWALL_HEALTH_URL";
    static final String PATH = "/health/ready";
    private static final int TIMEOUT_MILLIS = 3000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        Path defaultPortFile = Path.of(args.length > 0 ? args[0] : "/app/http.port");
        int status;
        try {
            URI url = url(System.getenv(), defaultPortFile);
            int code = get(url);
            status = code == 200 ? 0 : 1;
            System.out.println(url + " -> " + code);
        } catch (IOException | RuntimeException e) {
            System.out.println("health check failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /** Where to ask; see the class comment for the order. */
    static URI url(Map<String, String> env, Path defaultPortFile) throws IOException {
        String explicit = env.get(URL_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return URI.create(explicit.trim());
        }
        String port = firstSet(env, "HTTP_PORT", "PUBLISHER_HTTP_PORT");
        if (port == null) {
            port = Files.readString(defaultPortFile, StandardCharsets.US_ASCII).trim();
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65_535) {
            // port 0 means "any free port": nothing outside the process knows which one it bound
            throw new IllegalArgumentException("cannot check a service on port " + port + "; set " + URL_ENV);
        }
        return URI.create("http://127.0.0.1:" + number + PATH);
    }

    static int get(URI url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setRequestMethod("GET");
        try {
            int code = connection.getResponseCode();
            InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body != null) {
                body.close();
            }
            return code;
        } finally {
            connection.disconnect();
        }
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
