package io.pitwall.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP exchange with a Confluent-compatible schema registry: fail-over across the configured URLs,
 * basic auth, timeouts, retries of passing failures, and the translation of error responses
 * ({@code {"error_code": .., "message": ..}}) into {@link SchemaRegistryException}s.
 *
 * <p>Knows nothing of schemas or caching; {@link CachingSchemaRegistryClient} builds on it.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** What Confluent's client accepts, most specific first; Apicurio's ccompat API honours it. */
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final List<RegistryEndpoint> endpoints;
    private final Optional<BasicCredentials> sharedCredentials;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final HttpClient http;
    private final String displayUrls;
    /** Index of the URL that answered last: later calls start there instead of at a dead one. */
    private volatile int preferred;

    RegistryHttp(List<RegistryEndpoint> endpoints, CredentialsSource credentialsSource,
            Optional<BasicCredentials> userInfo, Duration connectTimeout, Duration requestTimeout,
            RetryPolicy retryPolicy, Optional<SSLContext> sslContext) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is needed");
        }
        this.endpoints = List.copyOf(endpoints);
        this.sharedCredentials = credentialsSource == CredentialsSource.USER_INFO ? userInfo : Optional.empty();
        this.requestTimeout = requestTimeout;
        this.retryPolicy = retryPolicy;
        this.displayUrls = endpoints.stream().map(RegistryEndpoint::display).collect(Collectors.joining(","));
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: no h2c upgrade dance with registries behind plain-HTTP proxies
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // a redirect could carry the Authorization header to another host
                .followRedirects(HttpClient.Redirect.NEVER);
        sslContext.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The configured URLs, comma-separated, without credentials. */
    String displayUrls() {
        return displayUrls;
    }

    JsonNode get(String path, Call call) {
        return exchange("GET", path, null, call);
    }

    JsonNode post(String path, JsonNode body, Call call) {
        return exchange("POST", path, body, call);
    }

    JsonNode put(String path, JsonNode body, Call call) {
        return exchange("PUT", path, body, call);
    }

    /**
     * What a call is about, for error messages.
     *
     * @param action  what was being done, completing "Could not ..." (e.g. "look up schema id 7")
     * @param subject subject of the call, or {@code null}
     */
    record Call(String action, String subject) {
    }

    private JsonNode exchange(String method, String path, JsonNode body, Call call) {
        byte[] payload = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        SchemaRegistryException lastFailure = null;
        IOException lastIoFailure = null;
        int attempts = retryPolicy.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(retryPolicy.waitBefore(attempt - 1), call);
            }
            int start = preferred;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (start + i) % endpoints.size();
                RegistryEndpoint endpoint = endpoints.get(index);
                HttpResponse<String> response;
                try {
                    response = http.send(request(method, endpoint, path, payload), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    LOG.debug("Schema registry {} did not answer {} {}: {}", endpoint.display(), method, path, e.toString());
                    lastIoFailure = e;
                    lastFailure = null;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException("interrupted while waiting for the schema registry", e);
                }
                preferred = index;
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parseBody(response.body(), endpoint, call, status);
                }
                SchemaRegistryException error = RegistryErrors.fromResponse(
                        status, response.body(), endpoint.display(), method, path, call);
                if (!error.isRetriable()) {
                    throw error;
                }
                LOG.debug("Schema registry {} failed {} {} with HTTP {}", endpoint.display(), method, path, status);
                lastFailure = error;
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw RegistryErrors.unavailable(displayUrls, call, attempts, lastIoFailure);
    }

    private HttpRequest request(String method, RegistryEndpoint endpoint, String path, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .header("User-Agent", "pitwall-schema-registry-client");
        Optional<BasicCredentials> credentials = sharedCredentials.isPresent()
                ? sharedCredentials : endpoint.urlCredentials();
        credentials.ifPresent(c -> builder.header("Authorization", c.authorizationHeader()));
        if (payload == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return builder.build();
    }

    private static JsonNode parseBody(String body, RegistryEndpoint endpoint, Call call, int status) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("Could not " + call.action()
                    + ": the registry answered with something that is not JSON: " + abbreviate(body),
                    new RegistryErrorContext(endpoint.display(), call.subject(), status, SchemaRegistryException.NONE, null), e);
        }
    }

    private void sleep(Duration wait, Call call) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted while waiting to retry the schema registry to "
                    + call.action(), e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
