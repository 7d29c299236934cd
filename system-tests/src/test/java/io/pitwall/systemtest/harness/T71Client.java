package io.pitwall.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Timing71 client of the state publisher: a WebSocket on {@code /t71/{uuid}} that records every
 * {@code MANIFEST_UPDATE} and {@code STATE_UPDATE} it receives, as a Timing71 viewer would see them. It
 * (re)connects by itself until {@link #close()}: the service may not exist yet when the test starts, and the
 * publisher may be restarted.
 *
 * <p>A state's arrival time is taken when the last fragment of its message arrives, before parsing; parsing runs
 * on a thread of its own, so a slow parse never delays reading the socket. A long run (a benchmark) keeps only the
 * last few states ({@link #follow(int, String, int, StateListener)}) and handles each as it comes.
 */
public final class T71Client implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(T71Client.class);
    private static final StateListener NO_LISTENER = (manifest, state, arrivalNanos) -> { };

    /** Handles each state as it arrives (on the client's parsing thread, in arrival order). */
    @FunctionalInterface
    public interface StateListener {
        /** @param manifest the last manifest received before this state, null if none yet */
        void state(JsonNode manifest, JsonNode state, long arrivalNanos);
    }

    private final URI uri;
    private final int keptStates;
    private final StateListener listener;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread connector;
    private final ExecutorService parser;
    private final Deque<JsonNode> states = new ArrayDeque<>();
    private final Deque<Long> stateReceivedNanos = new ArrayDeque<>();
    private long stateCount;
    private JsonNode manifest;
    private int connections;
    private volatile boolean closed;
    private volatile WebSocket socket;

    private T71Client(URI uri, int keptStates, StateListener listener) {
        if (keptStates < 1) {
            throw new IllegalArgumentException("keep at least the last state, not " + keptStates);
        }
        this.uri = uri;
        this.keptStates = keptStates;
        this.listener = listener;
        this.connector = new Thread(this::connectLoop, "t71-client " + uri.getPath());
        connector.setDaemon(true);
        this.parser = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "t71-client-parser " + uri.getPath());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Follows service {@code uuid} on the publisher's HTTP port, keeping every state. */
    public static T71Client follow(ServiceProcess publisher, String uuid) {
        return follow(publisher.httpPort(), uuid);
    }

    public static T71Client follow(int httpPort, String uuid) {
        return follow(httpPort, uuid, Integer.MAX_VALUE, NO_LISTENER);
    }

    /**
     * Follows service {@code uuid}, keeping only the last {@code keptStates} states (and their arrival times) and
     * handing every state to {@code listener}: for long runs, where keeping every state would take gigabytes.
     */
    public static T71Client follow(int httpPort, String uuid, int keptStates, StateListener listener) {
        T71Client client = new T71Client(URI.create("ws://127.0.0.1:" + httpPort + "/t71/" + uuid), keptStates,
                listener);
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
                long arrivalNanos = System.nanoTime();
                String message = text.toString();
                try {
                    parser.execute(() -> received(message, arrivalNanos));
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: nobody reads this client any more
                }
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

    private void received(String message, long arrivalNanos) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            // on the parsing thread nobody would see an exception: the test sees the state missing, the log says why
            LOG.error("the publisher sent a message that is not JSON: {}", message, e);
            return;
        }
        JsonNode state = null;
        JsonNode manifestNow;
        synchronized (this) {
            switch (node.path("type").asText()) {
                case "MANIFEST_UPDATE" -> manifest = node.get("manifest");
                case "STATE_UPDATE" -> {
                    state = node.get("state");
                    states.addLast(state);
                    stateReceivedNanos.addLast(arrivalNanos);
                    stateCount++;
                    if (states.size() > keptStates) {
                        states.removeFirst();
                        stateReceivedNanos.removeFirst();
                    }
                }
                default -> {
                    // ANALYSIS_STATE and future message types: not what these tests check
                }
            }
            manifestNow = manifest;
        }
        if (state != null) {
            listener.state(manifestNow, state, arrivalNanos);
        }
    }

    /** The last manifest received, null before the first. */
    public synchronized JsonNode manifest() {
        return manifest;
    }

    /** The last state received, null before the first. */
    public synchronized JsonNode lastState() {
        return states.peekLast();
    }

    /** Every state received so far (the last ones kept, for a client with a bounded history), in order. */
    public synchronized List<JsonNode> states() {
        return List.copyOf(states);
    }

    /** How many states were received, including those no longer kept. */
    public synchronized long stateCount() {
        return stateCount;
    }

    /** {@link System#nanoTime()} at the arrival (last fragment, before parsing) of each state of {@link #states()}. */
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
        parser.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
