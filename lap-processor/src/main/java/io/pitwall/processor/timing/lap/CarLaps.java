package io.pitwall.processor.timing.lap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the lap calculator made of one car's crossings.
 *
 * @param laps               completed laps in order, without best-lap flags
 * @param accepted           accepted crossings in time order (ghost reads removed, sector indexes resolved)
 * @param ghostReads         crossings ignored because they came sooner than their line's minimum
 * @param currentLapSectors  sector times of the lap in progress (same shape as {@link Lap#sectorTimesMicros()}),
 *                           empty when no lap is in progress or the session has one sector
 */
public record CarLaps(List<Lap> laps, List<Crossing> accepted, int ghostReads, List<Long> currentLapSectors) {

    public CarLaps {
        laps = GrowingList.isSnapshot(laps) ? laps : List.copyOf(laps);
        accepted = GrowingList.isSnapshot(accepted) ? accepted : List.copyOf(accepted);
        currentLapSectors = currentLapSectors.isEmpty() ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(currentLapSectors));
    }

    public static CarLaps empty() {
        return new CarLaps(List.of(), List.of(), 0, List.of());
    }
}
