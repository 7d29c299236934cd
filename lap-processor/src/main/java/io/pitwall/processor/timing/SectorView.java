package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Lap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sector columns of one car: the times to show, whether each comes from the previous lap, and the car's
 * best per sector.
 */
record SectorView(List<Long> shown, List<Boolean> fromLastLap, List<Long> best) {

    /**
     * @param bestOfLaps per sector, the car's best time in a valid completed lap (may be shorter than
     *                   {@code sectorCount}; null where none)
     */
    static SectorView of(int sectorCount, Lap lastLap, List<Long> currentLap, List<Long> bestOfLaps) {
        Long[] shown = new Long[sectorCount];
        Boolean[] old = new Boolean[sectorCount];
        Long[] best = new Long[sectorCount];
        int reached = 0;
        for (int s = 0; s < currentLap.size() && s < sectorCount; s++) {
            if (currentLap.get(s) != null) {
                reached = s + 1;
            }
        }
        for (int s = 0; s < sectorCount; s++) {
            Long last = lastLap == null || s >= lastLap.sectorTimesMicros().size()
                    ? null : lastLap.sectorTimesMicros().get(s);
            Long current = s < currentLap.size() ? currentLap.get(s) : null;
            if (reached == 0) {
                shown[s] = last;
                old[s] = false;
            } else if (s < reached) {
                shown[s] = current;
                old[s] = false;
            } else {
                shown[s] = last;
                old[s] = last != null;
            }
            Long fromLaps = s < bestOfLaps.size() ? bestOfLaps.get(s) : null;
            if (current == null || fromLaps == null) {
                best[s] = current == null ? fromLaps : current;
            } else {
                best[s] = Math.min(current, fromLaps);
            }
        }
        return new SectorView(new ArrayList<>(Arrays.asList(shown)), Arrays.asList(old),
                new ArrayList<>(Arrays.asList(best)));
    }
}
