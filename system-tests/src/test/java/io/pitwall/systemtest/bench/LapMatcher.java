package io.pitwall.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decides which of one venue's sampled passings a received Timing71 state contains, and how late it came.
 *
 * <p>A sampled passing is a finish-line read that, per the race generator's ground truth, completes lap {@code n}
 * of car {@code c}. The first state whose {@code cars} row for {@code c} shows {@code Laps >= n} is the first to
 * contain it: its latency is that state's arrival time minus the moment the read was handed to the simulator.
 * Sector, pit-lane and ghost reads are load but not sampled: a state shows them only as cell values that a later
 * lap may repeat, while the lap count of a car only ever grows when reads arrive in time order.
 *
 * <p>Thread-safe: the pacer registers passings, the state client resolves them ({@link #shown} is a
 * {@code T71Client.StateListener}).
 */
final class LapMatcher {

    /** Receives each resolved passing. */
    interface Sink {
        void resolved(String venueId, long sentNanos, long latencyNanos);
    }

    private final String venueId;
    private final Sink sink;
    private final Map<String, NavigableMap<Integer, Long>> pendingByCar = new HashMap<>();
    private int pending;

    LapMatcher(String venueId, Sink sink) {
        this.venueId = venueId;
        this.sink = sink;
    }

    /** The read completing lap {@code lap} of {@code car} was handed to the hardware at {@code sentNanos}. */
    synchronized void sent(String car, int lap, long sentNanos) {
        Long before = pendingByCar.computeIfAbsent(car, c -> new TreeMap<>()).put(lap, sentNanos);
        if (before == null) {
            pending++;
        }
    }

    /**
     * A Timing71 state arrived at {@code arrivalNanos}; its lap counts are read with the manifest's {@code Num} and
     * {@code Laps} columns. A state before any manifest shows nothing the matcher can read.
     */
    void shown(JsonNode manifest, JsonNode state, long arrivalNanos) {
        if (manifest == null) {
            return;
        }
        int numberColumn = -1;
        int lapsColumn = -1;
        JsonNode colSpec = manifest.path("colSpec");
        for (int i = 0; i < colSpec.size(); i++) {
            switch (colSpec.get(i).path(0).asText()) {
                case "Num" -> numberColumn = i;
                case "Laps" -> lapsColumn = i;
                default -> {
                }
            }
        }
        if (lapsColumn < 0) {
            return;
        }
        Map<String, Integer> laps = new HashMap<>();
        for (JsonNode car : state.path("cars")) {
            JsonNode cell = car.path(lapsColumn);
            laps.put(car.path(numberColumn).asText(), (cell.isArray() ? cell.path(0) : cell).asInt());
        }
        state(laps, arrivalNanos);
    }

    /** A state arrived at {@code arrivalNanos} showing these lap counts (car number → Laps). */
    synchronized void state(Map<String, Integer> lapsByCar, long arrivalNanos) {
        lapsByCar.forEach((car, laps) -> {
            NavigableMap<Integer, Long> waiting = pendingByCar.get(car);
            if (waiting == null) {
                return;
            }
            NavigableMap<Integer, Long> shown = waiting.headMap(laps, true);
            shown.values().forEach(sent -> sink.resolved(venueId, sent, arrivalNanos - sent));
            pending -= shown.size();
            shown.clear();
        });
    }

    /** Sampled passings no state has shown yet. */
    synchronized int pending() {
        return pending;
    }

    /** When the oldest passing not shown yet was sent, or {@code Long.MAX_VALUE} if none waits. */
    synchronized long oldestPendingSentNanos() {
        long oldest = Long.MAX_VALUE;
        for (NavigableMap<Integer, Long> waiting : pendingByCar.values()) {
            for (long sent : waiting.values()) {
                oldest = Math.min(oldest, sent);
            }
        }
        return oldest;
    }
}
