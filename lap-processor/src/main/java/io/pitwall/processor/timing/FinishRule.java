package io.pitwall.processor.timing;

import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopRule;
import io.pitwall.processor.timing.lap.CarLaps;
import java.util.OptionalLong;

/**
 * When the chequered flag falls: the earliest of race control's own (a CHEQUERED flag or a STOP) and the
 * moment the stop rule is met.
 *
 * <ul>
 *   <li>LAPS n: when the first car completes lap n.</li>
 *   <li>TIME t, race with {@code leaderFinishes}: at the first FINISH crossing, at or after start + t, of
 *       the car leading at start + t (most laps completed by then, earliest to complete them).</li>
 *   <li>TIME t otherwise (practice, qualifying, or a race without {@code leaderFinishes}): at start + t.</li>
 *   <li>MANUAL: only race control ends the session.</li>
 * </ul>
 * Each car then finishes at its first FINISH crossing at or after the chequered flag.
 */
public final class FinishRule {

    /** No chequered flag yet. */
    public static final long NOT_YET = Long.MAX_VALUE;

    private FinishRule() {
    }

    public static long chequeredMicros(SessionConfig config, RaceControl raceControl, Iterable<CarLaps> cars,
                                       OptionalLong sessionStartMicros) {
        long manual = raceControl.manualChequeredMicros().orElse(NOT_YET);
        return Math.min(manual, automatic(config, cars, sessionStartMicros));
    }

    private static long automatic(SessionConfig config, Iterable<CarLaps> cars, OptionalLong start) {
        StopRule rule = config.getStopRule();
        switch (rule.getKind()) {
            case LAPS -> {
                return lapCountReached(cars, (int) Math.min(Integer.MAX_VALUE, rule.getValue()));
            }
            case TIME -> {
                if (start.isEmpty() || rule.getValue() <= 0) {
                    return NOT_YET;
                }
                long expiry = start.getAsLong() + rule.getValue() * 1_000_000L;
                boolean leaderTakesFlag = config.getType() == SessionType.RACE && rule.getLeaderFinishes();
                return leaderTakesFlag ? leaderCrossingAfter(cars, expiry) : expiry;
            }
            default -> {
                return NOT_YET;
            }
        }
    }

    private static long lapCountReached(Iterable<CarLaps> cars, int lapCount) {
        if (lapCount <= 0) {
            return NOT_YET;
        }
        long first = NOT_YET;
        for (CarLaps car : cars) {
            if (car.laps().size() >= lapCount) {
                first = Math.min(first, car.laps().get(lapCount - 1).finishMicros());
            }
        }
        return first;
    }

    private static long leaderCrossingAfter(Iterable<CarLaps> cars, long expiry) {
        // runs for every passing of such a race: reads the laps in place instead of copying each car's crossings
        CarLaps leader = null;
        int leaderLaps = -1;
        long leaderLastCrossing = Long.MAX_VALUE;
        for (CarLaps car : cars) {
            Long start = FinishLineCrossings.timingStart(car);
            if (start == null || start > expiry) {
                continue;
            }
            int lapsAtExpiry = FinishLineCrossings.lapsFinishedAtOrBefore(car.laps(), expiry);
            long lastCrossing = lapsAtExpiry == 0 ? start : car.laps().get(lapsAtExpiry - 1).finishMicros();
            if (lapsAtExpiry > leaderLaps || (lapsAtExpiry == leaderLaps && lastCrossing < leaderLastCrossing)) {
                leader = car;
                leaderLaps = lapsAtExpiry;
                leaderLastCrossing = lastCrossing;
            }
        }
        if (leader == null) {
            return NOT_YET;
        }
        if (FinishLineCrossings.timingStart(leader) >= expiry) {
            return FinishLineCrossings.timingStart(leader);
        }
        int next = FinishLineCrossings.lapsFinishedBefore(leader.laps(), expiry);
        return next < leader.laps().size() ? leader.laps().get(next).finishMicros() : NOT_YET;
    }
}
