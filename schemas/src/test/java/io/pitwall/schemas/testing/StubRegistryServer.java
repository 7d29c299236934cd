package io.pitwall.schemas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.schemas.registry.CompatibilityLevel;
import io.pitwall.schemas.registry.CompatibilityResult;
import io.pitwall.schemas.registry.InMemorySchemaRegistryClient;
import io.pitwall.schemas.registry.RegisteredSchema;
import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A stand-in Confluent Schema Registry for unit tests: the REST API over HTTP (JDK
 * {@code HttpServer}) in front of an in-memory registry, answering with Confluent's JSON shapes and
 * error bodies. Records every request, and can be told to answer a path with a fixed response, to
 * require basic auth, or to be slow.
 *
 * <p>The API is served under {@value #BASE_PATH}, like Apicurio's ccompat API, so tests also cover
 * base URLs with a path.
 */
public final class StubRegistryServer implements AutoCloseable {

    public static final String BASE_PATH = "/apis/ccompat/v7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Override> overrides = new CopyOnWriteArrayList<>();
    private final Map<String, String> requiredAuthorization = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;

    /** One HTTP request as the stub received it. */
    public record RecordedRequest(String method, String rawPath, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }
    }

    private record Override(String method, Pattern path, int status, String body, AtomicInteger remaining) {
    }

    private StubRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-registry");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static StubRegistryServer start() {
        try {
            return new StubRegistryServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base URL including {@value #BASE_PATH}. */
    public String url() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The in-memory registry behind the HTTP API, to seed or inspect state. */
    public InMemorySchemaRegistryClient registry() {
        return registry;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers matching requests with this status and body from now on (regex on the path after the base). */
    public void respond(String method, String pathRegex, int status, String body) {
        overrides.add(0, new Override(method, Pattern.compile(pathRegex), status, body, new AtomicInteger(Integer.MAX_VALUE)));
    }

    /** Answers the next {@code times} matching requests with this status and body. */
    public void respondTimes(int times, String method, String pathRegex, int status, String body) {
        overrides.add(0, new Override(method, Pattern.compile(pathRegex), status, body, new AtomicInteger(times)));
    }

    /** Confluent error body. */
    public static String error(int code, String message) {
        return "{\"error_code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    public void requireBasicAuth(String username, String password) {
        requiredAuthorization.put("value", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public void delayResponses(Duration delay) {
        this.delay = delay;
    }

    @java.lang.Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            respond(exchange);
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String rawPath = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new RecordedRequest(exchange.getRequestMethod(), rawPath, query, Map.copyOf(headers), body));
            if (!delay.isZero()) {
                sleep(delay);
            }
            String required = requiredAuthorization.get("value");
            if (required != null && !required.equals(headers.get("authorization"))) {
                send(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            if (!rawPath.startsWith(BASE_PATH)) {
                send(exchange, 404, "<html><body>Not Found</body></html>");
                return;
            }
            String path = rawPath.substring(BASE_PATH.length());
            for (Override o : overrides) {
                if (o.method().equals(exchange.getRequestMethod()) && o.path().matcher(path).matches()
                        && o.remaining().getAndDecrement() > 0) {
                    send(exchange, o.status(), o.body());
                    return;
                }
            }
            try {
                Response response = api(exchange.getRequestMethod(), path, body);
                send(exchange, response.status(), response.body());
            } catch (SchemaRegistryException e) {
                int status = e.httpStatus() > 0 ? e.httpStatus() : 500;
                String message = e.registryMessage() != null ? e.registryMessage() : e.problem();
                send(exchange, status, error(e.errorCode() > 0 ? e.errorCode() : status * 100 + 1, message));
            }
        }
    }

    private record Response(int status, String body) {
    }

    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern COMPAT = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");
    private static final Pattern CONFIG_SUBJECT = Pattern.compile("/config/([^/]+)");

    private Response api(String method, String path, String body) throws IOException {
        Matcher m;
        if (method.equals("POST") && (m = VERSIONS.matcher(path)).matches()) {
            int id = registry.register(decode(m.group(1)), schemaOf(body));
            return ok(JSON.createObjectNode().put("id", id));
        }
        if (method.equals("GET") && (m = LATEST.matcher(path)).matches()) {
            RegisteredSchema latest = registry.getLatestSchemaMetadata(decode(m.group(1)));
            return ok(JSON.createObjectNode().put("subject", latest.subject()).put("id", latest.id())
                    .put("version", latest.version()).put("schema", latest.schema().toString()));
        }
        if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            Schema schema = schemaOf(body);
            int id = registry.getId(subject, schema);
            return ok(JSON.createObjectNode().put("subject", subject).put("id", id).put("version", 1)
                    .put("schema", schema.toString()));
        }
        if (method.equals("GET") && (m = ID.matcher(path)).matches()) {
            Schema schema = registry.getSchemaById(Integer.parseInt(m.group(1)));
            return ok(JSON.createObjectNode().put("schema", schema.toString()));
        }
        if (method.equals("POST") && (m = COMPAT.matcher(path)).matches()) {
            CompatibilityResult result = registry.testCompatibility(decode(m.group(1)), schemaOf(body));
            ObjectNode node = JSON.createObjectNode().put("is_compatible", result.compatible());
            ArrayNode messages = node.putArray("messages");
            result.messages().forEach(messages::add);
            return ok(node);
        }
        if (method.equals("GET") && path.equals("/config")) {
            return ok(JSON.createObjectNode().put("compatibilityLevel", registry.getGlobalCompatibility().name()));
        }
        if (method.equals("PUT") && path.equals("/config")) {
            CompatibilityLevel level = CompatibilityLevel.parse(JSON.readTree(body).get("compatibility").asText());
            registry.setGlobalCompatibility(level);
            return ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        if (method.equals("GET") && (m = CONFIG_SUBJECT.matcher(path)).matches()) {
            Optional<CompatibilityLevel> level = registry.getCompatibility(decode(m.group(1)));
            return level.map(l -> ok(JSON.createObjectNode().put("compatibilityLevel", l.name())))
                    .orElse(new Response(404, error(40408, "Subject does not have subject-level compatibility configured")));
        }
        if (method.equals("PUT") && (m = CONFIG_SUBJECT.matcher(path)).matches()) {
            CompatibilityLevel level = CompatibilityLevel.parse(JSON.readTree(body).get("compatibility").asText());
            registry.setCompatibility(decode(m.group(1)), level);
            return ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        if (method.equals("GET") && path.equals("/subjects")) {
            ArrayNode subjects = JSON.createArrayNode();
            registry.getAllSubjects().forEach(subjects::add);
            return ok(subjects);
        }
        return new Response(404, error(404, "HTTP 404 Not Found"));
    }

    private static Schema schemaOf(String body) throws IOException {
        return new Schema.Parser().parse(JSON.readTree(body).get("schema").asText());
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Response ok(JsonNode node) {
        return new Response(200, node.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A list helper for tests that filter recorded requests. */
    public List<RecordedRequest> requests(String method, String pathSuffix) {
        List<RecordedRequest> matching = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.method().equals(method) && r.rawPath().endsWith(pathSuffix)) {
                matching.add(r);
            }
        }
        return matching;
    }
}
