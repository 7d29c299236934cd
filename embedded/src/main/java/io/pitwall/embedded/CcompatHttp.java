package io.pitwall.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The two calls the embedded registry itself needs on the Confluent-compatible API: the readiness probe
 * and setting the global compatibility level. (Pitwall's real registry client lives in the schemas module.)
 */
final class CcompatHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String baseUrl;

    CcompatHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** True when {@code GET /subjects} answers 200. */
    boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subjects"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code PUT /config {"compatibility": level}}. */
    void setGlobalCompatibility(String level) {
        String body = "{\"compatibility\":\"" + level + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new EmbeddedStartupException("setting the registry's global compatibility to " + level
                        + " failed: HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new EmbeddedStartupException("setting the registry's global compatibility to " + level + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartupException("interrupted while configuring the registry", e);
        }
    }
}
