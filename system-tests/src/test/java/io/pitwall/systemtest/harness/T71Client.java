package io.pitwall.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A Timing71 client of the state publisher: a WebSocket on {@code /t71/{uuid}} that records every
 * {@code MANIFEST_UPDATE} and {@code STATE_UPDATE} it receives, as a Timing71 viewer would see them. It
 * (re)connects by itself until {@link #close()}: the service may not exist yet when the test starts, and the
 * publisher may be restarted.
 */
public final class T71Client implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread connector;
    private final List<JsonNode> states = new ArrayList<>();
    private final List<Long> stateReceivedNanos = new ArrayList<>();
    private JsonNode manifest;
    private int connections;
    private volatile boolean closed;
    private volatile WebSocket socket;

    private T71Client(URI uri) {
        this.uri = uri;
        this.connector = new Thread(this::connectLoop, "t71-client " + uri.getPath());
        connector.setDaemon(true);
    }

    /** Follows service {@code uuid} on the publisher's HTTP port. */
    public static T71Client follow(ServiceProcess publisher, String uuid) {
        return follow(publisher.httpPort(), uuid);
    }

    public static T71Client follow(int httpPort, String uuid) {
        T71Client client = new T71Client(URI.create("ws://127.0.0.1:" + httpPort + "/t71/" + uuid));
        client.connector.start();
        return client;
    }

    private void connectLoop() {
        while (!closed) {
            WebSocket current = socket;
            if (current == null || current.isInputClosed()) {
                try {
                    CompletableFuture<Void> ended = new CompletableFuture<>();
                    socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                            .buildAsync(uri, new Listener(ended)).get(10, TimeUnit.SECONDS);
                    synchronized (this) {
                        connections++;
                    }
                    ended.handle((v, e) -> null).get();
                } catch (Exception e) {
                    // the service is not there yet (404/503) or the publisher is down: try again shortly
                }
            }
            sleep(250);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> ended;
        private final StringBuilder text = new StringBuilder();

        Listener(CompletableFuture<Void> ended) {
            this.ended = ended;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete(null);
        }
    }

    private void received(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException("the publisher sent a message that is not JSON: " + message, e);
        }
        synchronized (this) {
            switch (node.path("type").asText()) {
                case "MANIFEST_UPDATE" -> manifest = node.get("manifest");
                case "STATE_UPDATE" -> {
                    states.add(node.get("state"));
                    stateReceivedNanos.add(System.nanoTime());
                }
                default -> {
                    // ANALYSIS_STATE and future message types: not what these tests check
                }
            }
        }
    }

    /** The last manifest received, null before the first. */
    public synchronized JsonNode manifest() {
        return manifest;
    }

    /** The last state received, null before the first. */
    public synchronized JsonNode lastState() {
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    /** Every state received so far, in order. */
    public synchronized List<JsonNode> states() {
        return List.copyOf(states);
    }

    /** {@link System#nanoTime()} at the arrival of each state of {@link #states()}. */
    public synchronized List<Long> stateArrivalNanos() {
        return List.copyOf(stateReceivedNanos);
    }

    /** WebSocket connections made so far. */
    public synchronized int connections() {
        return connections;
    }

    /** The classification the last state shows, one line per car; empty before the first state. */
    public synchronized List<String> classification() {
        return manifest == null || states.isEmpty() ? List.of() : Standings.of(manifest, lastState());
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            try {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "test over").orTimeout(2, TimeUnit.SECONDS).join();
            } catch (CompletionException e) {
                current.abort();
            }
        }
        connector.interrupt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
