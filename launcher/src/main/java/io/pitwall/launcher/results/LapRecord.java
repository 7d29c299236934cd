package io.pitwall.launcher.results;

import io.pitwall.events.LapEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The final version of one lap, as {@code timing.laps} has it after its corrections.
 *
 * @param sectorTimesMicros one per sector (empty for one-sector sessions), null where a sector was not timed
 */
public record LapRecord(String carNumber, int lapNumber, long lapTimeMicros, List<Long> sectorTimesMicros,
                        Instant finishedAt, boolean invalid, boolean inPit, boolean personalBest,
                        boolean sessionBest, String transponder) {

    public LapRecord {
        sectorTimesMicros = Collections.unmodifiableList(new ArrayList<>(sectorTimesMicros));
    }

    static LapRecord of(LapEvent event) {
        return new LapRecord(event.getCarNumber(), event.getLapNumber(), event.getLapTimeMicros(),
                event.getSectorTimesMicros(), event.getFinishedAt(), event.getInvalid(), event.getInPit(),
                event.getPersonalBest(), event.getSessionBest(), event.getTransponder());
    }
}
