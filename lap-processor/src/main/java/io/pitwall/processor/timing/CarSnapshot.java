package io.pitwall.processor.timing;

import io.pitwall.processor.timing.classification.Gap;
import io.pitwall.processor.timing.lap.Lap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the timing screen.
 *
 * @param currentSectors   per sector the time to show: from the lap in progress where the car has completed
 *                         that sector already, else from its last completed lap
 * @param sectorFromLastLap per sector, whether the shown time comes from the previous lap while the car is
 *                         already on its next one (Timing71 "old")
 * @param bestSectors      per sector the car's best time (valid laps and the lap in progress), null if none
 * @param lastLap          last counted lap, null before the first
 * @param bestLap          best valid lap, null if none
 */
public record CarSnapshot(CarIdentity identity, CarStatus status, int position, int classPosition, int laps,
                          Gap gap, Gap interval, List<Long> currentSectors, List<Boolean> sectorFromLastLap,
                          List<Long> bestSectors, Lap lastLap, Lap bestLap, int pitStops, int ghostReads,
                          Long lastCrossingMicros) {

    public CarSnapshot {
        currentSectors = Collections.unmodifiableList(new ArrayList<>(currentSectors));
        sectorFromLastLap = List.copyOf(sectorFromLastLap);
        bestSectors = Collections.unmodifiableList(new ArrayList<>(bestSectors));
    }

    public String carNumber() {
        return identity.carNumber();
    }
}
