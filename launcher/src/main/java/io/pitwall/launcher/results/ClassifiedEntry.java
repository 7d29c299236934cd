package io.pitwall.launcher.results;

import io.pitwall.processor.timing.classification.Gap;
import java.time.Instant;
import java.util.List;

/**
 * One line of the final classification.
 *
 * @param totalTimeMicros from the car's first counted lap's start to its last counted FINISH, null without laps
 * @param lastCrossing    the car's last counted FINISH crossing, null without laps
 * @param status          the timing screen's car state (FIN, RET, RUN, PIT, OUT, STOP, N/S)
 */
public record ClassifiedEntry(int position, String carNumber, String className, int classPosition,
                              List<String> drivers, String team, String car, int laps, Long totalTimeMicros,
                              Instant lastCrossing, Gap gap, Gap interval, Long bestLapMicros, Integer bestLapNumber,
                              int pitStops, String status) {

    public ClassifiedEntry {
        drivers = List.copyOf(drivers);
    }

    /** A gap as the screen shows it: "" for none, "1 lap", "3 laps", or seconds truncated to ms. */
    public static String gapText(Gap gap) {
        if (gap instanceof Gap.Laps laps) {
            return laps.laps() == 1 ? "1 lap" : laps.laps() + " laps";
        }
        if (gap instanceof Gap.Time time) {
            return Times.clock(time.micros());
        }
        return "";
    }

    /** The gap in milliseconds when it is a time, else null. */
    public static Long gapMillis(Gap gap) {
        return gap instanceof Gap.Time time ? Times.millis(time.micros()) : null;
    }

    /** The gap in laps when it is laps, else null. */
    public static Integer gapLaps(Gap gap) {
        return gap instanceof Gap.Laps laps ? laps.laps() : null;
    }
}
