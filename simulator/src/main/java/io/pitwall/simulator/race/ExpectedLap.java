package io.pitwall.simulator.race;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A lap as the ground truth has it.
 *
 * @param sectorTimesMicros empty for one-sector sessions; null entries where a sector cannot be timed
 */
public record ExpectedLap(String carNumber, int lapNumber, long lapTimeMicros, List<Long> sectorTimesMicros,
                          long finishedAtMicros, boolean invalid, boolean inPit, boolean personalBest,
                          boolean sessionBest) {

    public ExpectedLap {
        sectorTimesMicros = Collections.unmodifiableList(new ArrayList<>(sectorTimesMicros));
    }
}
