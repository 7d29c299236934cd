package io.pitwall.systemtest.harness;

import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reader of {@code timing.laps} ends up with: per (venue, session, car, lap number) the latest event, a
 * DELETED removing the lap. It also lists every event only duplicated or lost output could explain: COMPLETED
 * for a lap that exists already ("completed twice"), CORRECTED/DELETED for one that does not.
 */
public final class LapBook {

    private final Map<String, Map<String, Map<Integer, LapEvent>>> bySession = new TreeMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private int events;

    synchronized void apply(LapEvent event) {
        events++;
        Map<Integer, LapEvent> laps = bySession
                .computeIfAbsent(event.getVenueId() + "/" + event.getSessionId(), k -> new TreeMap<>())
                .computeIfAbsent(event.getCarNumber(), k -> new TreeMap<>());
        boolean known = laps.containsKey(event.getLapNumber());
        String where = event.getVenueId() + "/" + event.getSessionId() + " #" + event.getCarNumber() + " lap "
                + event.getLapNumber();
        if (event.getKind() == LapEventKind.COMPLETED && known) {
            anomalies.add("lap completed twice: " + where);
        } else if (event.getKind() != LapEventKind.COMPLETED && !known) {
            anomalies.add(event.getKind() + " of a lap never completed: " + where);
        }
        if (event.getKind() == LapEventKind.DELETED) {
            laps.remove(event.getLapNumber());
        } else {
            laps.put(event.getLapNumber(), event);
        }
    }

    /** Lap events read so far. */
    public synchronized int events() {
        return events;
    }

    /** Laps currently standing in one session. */
    public synchronized int lapCount(String venueId, String sessionId) {
        return bySession.getOrDefault(venueId + "/" + sessionId, Map.of()).values().stream().mapToInt(Map::size).sum();
    }

    /** Duplicated or lost output seen so far; empty when exact. */
    public synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** One line per standing lap of a session, by car then lap number — comparable with {@link #expected}. */
    public synchronized List<String> lines(String venueId, String sessionId) {
        List<String> lines = new ArrayList<>();
        bySession.getOrDefault(venueId + "/" + sessionId, Map.of()).forEach((car, laps) -> laps.values().forEach(e ->
                lines.add(line(car, e.getLapNumber(), e.getLapTimeMicros(), e.getSectorTimesMicros(), e.getInvalid(),
                        e.getPersonalBest(), e.getSessionBest()))));
        return lines;
    }

    /** The ground truth's laps as {@link #lines} writes them. */
    public static List<String> expected(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(truth.laps()).forEach((car, laps) -> {
            for (ExpectedLap lap : laps) {
                lines.add(line(car, lap.lapNumber(), lap.lapTimeMicros(), lap.sectorTimesMicros(), lap.invalid(),
                        lap.personalBest(), lap.sessionBest()));
            }
        });
        return lines;
    }

    private static String line(String car, int lap, long micros, List<Long> sectors, boolean invalid, boolean pb,
                               boolean sb) {
        return "#" + car + " lap " + lap + " " + micros + "us sectors=" + sectors + (invalid ? " invalid" : "")
                + (pb ? " pb" : "") + (sb ? " sb" : "");
    }
}
