package io.pitwall.ingest.chronocloud.benchmark;

import com.sun.net.httpserver.HttpServer;
import io.pitwall.schemas.registry.CachingSchemaRegistryClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A registry that answers every registration with id 1, behind the production caching client: after
 * the first record per schema the serializer never calls it again, exactly as in the service. (The
 * {@code mock://} registry re-renders the schema text on every call, which would dominate a benchmark.)
 */
final class StubRegistry implements AutoCloseable {

    private final HttpServer server;

    StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    CachingSchemaRegistryClient client() {
        return CachingSchemaRegistryClient.builder(url()).build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
