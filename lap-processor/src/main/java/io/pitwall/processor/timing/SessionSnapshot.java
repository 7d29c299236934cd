package io.pitwall.processor.timing;

import io.pitwall.events.Flag;
import io.pitwall.events.SessionConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The session as a timing screen shows it at one moment.
 *
 * @param cars                  in classification order
 * @param sessionBestLapMicros  best valid lap of the session, null if none
 * @param sessionBestSectors    per sector the best time of any car, null if none
 * @param elapsedMicros         since the session start (0 before it)
 * @param remainingMicros       time left for a TIME stop rule (never below 0), null otherwise
 * @param lapsRemaining         laps left for the leader for a LAPS stop rule, null otherwise
 * @param chequeredMicros       when the chequered flag fell, null if it has not
 */
public record SessionSnapshot(SessionConfig config, long nowMicros, Flag flag, Long startMicros, long elapsedMicros,
                              Long remainingMicros, Integer lapsRemaining, Long chequeredMicros, List<CarSnapshot> cars,
                              Long sessionBestLapMicros, List<Long> sessionBestSectors) {

    public SessionSnapshot {
        cars = List.copyOf(cars);
        sessionBestSectors = Collections.unmodifiableList(new ArrayList<>(sessionBestSectors));
    }

    public int sectorCount() {
        return Math.max(1, Math.min(3, config.getSectorCount()));
    }
}
