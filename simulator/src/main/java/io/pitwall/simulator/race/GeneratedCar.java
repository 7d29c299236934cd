package io.pitwall.simulator.race;

import java.util.List;

/**
 * A car of the generated field.
 *
 * @param transponders      the car's transponders (two for the dual-transponder car, the first is read first)
 * @param onEntryList       false for the car whose transponder race control does not know
 * @param baseLapMicros     its typical green-flag lap time
 */
public record GeneratedCar(String carNumber, String className, String team, String driver, String car,
                           List<String> transponders, boolean onEntryList, long baseLapMicros) {

    public GeneratedCar {
        transponders = List.copyOf(transponders);
    }

    /** The car number a timer shows: its entry number, or its transponder when it is not on the entry list. */
    public String timedNumber() {
        return onEntryList ? carNumber : transponders.get(0);
    }
}
