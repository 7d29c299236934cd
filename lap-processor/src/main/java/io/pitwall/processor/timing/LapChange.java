package io.pitwall.processor.timing;

import io.pitwall.events.LapEventKind;
import io.pitwall.processor.timing.lap.Lap;
import java.util.Objects;

/**
 * A difference between the laps the engine published before an update and after it.
 *
 * @param lap      the lap as it is now; for DELETED the lap as it was
 * @param previous the lap as it was before (CORRECTED, DELETED), null for COMPLETED
 * @param reason   why a lap was corrected or deleted (null for a lap completed in the ordinary way)
 */
public record LapChange(LapEventKind kind, String carNumber, Lap lap, Lap previous, String reason) {

    public LapChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(carNumber, "carNumber");
        Objects.requireNonNull(lap, "lap");
    }

    /** Whether what a viewer sees of the lap changed (time, sectors, validity), not just its best-lap flags. */
    public boolean changesTiming() {
        if (kind != LapEventKind.CORRECTED) {
            return true;
        }
        return !lap.equalsIgnoringBestFlags(previous);
    }
}
