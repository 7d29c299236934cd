package io.pitwall.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Timing71 viewer of one service on the publisher ({@code /t71/{uuid}}) that hands every state's lap counts to
 * a {@link LapMatcher}. Unlike the harness's {@code T71Client}, which keeps every state it receives (gigabytes in
 * a five-minute run of 50 venues), it keeps only the manifest's column positions. The arrival time is taken when
 * the last fragment of a message arrives, before parsing; parsing runs on a thread of its own so that a slow parse
 * never delays reading the socket.
 */
final class StateWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LapMatcher matcher;
    private final WebSocket socket;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Thread parser;
    private final AtomicLong states = new AtomicLong();
    private volatile int numberColumn = -1;
    private volatile int lapsColumn = -1;

    private record Arrival(String text, long nanos) {
    }

    StateWatcher(HttpClient http, int publisherHttpPort, String serviceUuid, LapMatcher matcher) {
        this.matcher = matcher;
        this.parser = new Thread(this::parseLoop, "state-watcher " + serviceUuid);
        parser.setDaemon(true);
        parser.start();
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + publisherHttpPort + "/t71/" + serviceUuid), new Listener())
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            parser.interrupt();
            throw new IllegalStateException("could not follow service " + serviceUuid + " on the publisher", e);
        }
    }

    /** A manifest arrived (so the columns are known). */
    boolean hasManifest() {
        return lapsColumn >= 0;
    }

    long states() {
        return states.get();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                arrivals.add(new Arrival(text.toString(), System.nanoTime()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private void parseLoop() {
        try {
            while (true) {
                Arrival arrival = arrivals.take();
                if (arrival.text() == null) { // close() was called
                    return;
                }
                handle(arrival);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Arrival arrival) {
        JsonNode message;
        try {
            message = JSON.readTree(arrival.text());
        } catch (IOException e) {
            throw new IllegalStateException("the publisher sent a message that is not JSON: " + arrival.text(), e);
        }
        switch (message.path("type").asText()) {
            case "MANIFEST_UPDATE" -> columns(message.path("manifest").path("colSpec"));
            case "STATE_UPDATE" -> {
                states.incrementAndGet();
                if (lapsColumn >= 0) {
                    matcher.state(lapsByCar(message.path("state").path("cars")), arrival.nanos());
                }
            }
            default -> {
                // analysis and future message types carry no lap counts
            }
        }
    }

    private void columns(JsonNode colSpec) {
        for (int i = 0; i < colSpec.size(); i++) {
            switch (colSpec.get(i).path(0).asText()) {
                case "Num" -> numberColumn = i;
                case "Laps" -> lapsColumn = i;
                default -> {
                }
            }
        }
    }

    private Map<String, Integer> lapsByCar(JsonNode cars) {
        Map<String, Integer> laps = new HashMap<>();
        for (JsonNode car : cars) {
            JsonNode cell = car.path(lapsColumn);
            laps.put(car.path(numberColumn).asText(), (cell.isArray() ? cell.path(0) : cell).asInt());
        }
        return laps;
    }

    @Override
    public void close() {
        socket.abort();
        arrivals.add(new Arrival(null, 0));
    }
}
