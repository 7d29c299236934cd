package io.pitwall.processor.it;

import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The laps a reader of {@code timing.laps} ends up with: the latest event per (session, car, lap number), a
 * DELETED removing the lap. It also records every event that could only come from duplicated or lost
 * output: a COMPLETED for a lap that already exists, a CORRECTED or DELETED for one that does not.
 */
final class LapLedger {

    private final Map<String, Map<String, Map<Integer, LapEvent>>> laps = new TreeMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private int events;

    void apply(LapEvent event) {
        events++;
        Map<Integer, LapEvent> car = laps.computeIfAbsent(event.getVenueId() + "/" + event.getSessionId(),
                s -> new TreeMap<>()).computeIfAbsent(event.getCarNumber(), c -> new TreeMap<>());
        boolean exists = car.containsKey(event.getLapNumber());
        String where = event.getVenueId() + " #" + event.getCarNumber() + " lap " + event.getLapNumber();
        if (event.getKind() == LapEventKind.COMPLETED && exists) {
            anomalies.add("COMPLETED twice: " + where);
        } else if (event.getKind() != LapEventKind.COMPLETED && !exists) {
            anomalies.add(event.getKind() + " of a lap never completed: " + where);
        }
        if (event.getKind() == LapEventKind.DELETED) {
            car.remove(event.getLapNumber());
        } else {
            car.put(event.getLapNumber(), event);
        }
    }

    int events() {
        return events;
    }

    int lapCount() {
        return laps.values().stream().flatMap(s -> s.values().stream()).mapToInt(Map::size).sum();
    }

    List<String> anomalies() {
        return anomalies;
    }

    /** One line per lap of a session, comparable with {@link #expected}. */
    List<String> lines(String venueId, String sessionId) {
        List<String> lines = new ArrayList<>();
        laps.getOrDefault(venueId + "/" + sessionId, Map.of()).forEach((car, byNumber) -> byNumber.values().forEach(e ->
                lines.add(line(car, e.getLapNumber(), e.getLapTimeMicros(), e.getSectorTimesMicros(), e.getInvalid(),
                        e.getPersonalBest(), e.getSessionBest()))));
        return lines;
    }

    static List<String> expected(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(truth.laps()).forEach((car, carLaps) -> {
            for (ExpectedLap lap : carLaps) {
                lines.add(line(car, lap.lapNumber(), lap.lapTimeMicros(), lap.sectorTimesMicros(), lap.invalid(),
                        lap.personalBest(), lap.sessionBest()));
            }
        });
        return lines;
    }

    private static String line(String car, int lap, long micros, List<Long> sectors, boolean invalid, boolean pb,
                               boolean sb) {
        return "#" + car + " lap " + lap + " " + micros + " " + sectors + (invalid ? " invalid" : "") + (pb ? " pb" : "")
                + (sb ? " sb" : "");
    }
}
