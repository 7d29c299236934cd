package io.pitwall.processor.timing.classification;

import io.pitwall.events.SessionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders cars and works out gaps.
 *
 * <ul>
 *   <li><b>Race</b>: most laps first, then earliest to complete them (time of the last finish-line crossing);
 *       cars that crossed the line but completed no lap by their first crossing; cars that never crossed it
 *       last, by car number.</li>
 *   <li><b>Practice / qualifying</b>: best valid lap, ties to the car that set it first; cars without a valid
 *       lap after them, by laps then last crossing; never-crossed cars last.</li>
 *   <li><b>Practice / qualifying by total time</b>: most laps, then least total time.</li>
 * </ul>
 * Gap and interval in a race: same lap count → time between the two cars' crossings of that lap; one lap
 * less but the car crossed before the car ahead completed its next lap → still a time; otherwise "N laps".
 * By best lap: difference of best laps. By total time: laps, else difference of total times.
 */
public final class Classifier {

    private Classifier() {
    }

    public static List<ClassifiedCar> classify(SessionType type, boolean byTotalTime, List<Standing> standings) {
        Mode mode = type == SessionType.RACE ? Mode.RACE : byTotalTime ? Mode.TOTAL_TIME : Mode.BEST_LAP;
        List<Standing> ordered = new ArrayList<>(standings);
        ordered.sort(mode.order);
        List<ClassifiedCar> result = new ArrayList<>(ordered.size());
        Map<String, Integer> classPositions = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Standing car = ordered.get(i);
            int classPosition = classPositions.merge(car.classKey(), 1, Integer::sum);
            Gap gap = i == 0 ? Gap.NONE : mode.gap(ordered.get(0), car);
            Gap interval = i == 0 ? Gap.NONE : mode.gap(ordered.get(i - 1), car);
            result.add(new ClassifiedCar(car, i + 1, classPosition, gap, interval));
        }
        return result;
    }

    private enum Mode {
        RACE(Comparator.comparing((Standing s) -> !s.hasCrossedFinishLine())
                .thenComparing(Comparator.comparingInt(Standing::laps).reversed())
                .thenComparingLong(s -> s.hasCrossedFinishLine() ? s.lastCrossingMicros() : 0L)
                .thenComparing(Standing::carNumber, CarNumberOrder.INSTANCE)),
        BEST_LAP(Comparator.comparing((Standing s) -> s.bestLapMicros() == null)
                .thenComparingLong(s -> s.bestLapMicros() == null ? 0L : s.bestLapMicros())
                .thenComparingLong(s -> s.bestLapMicros() == null ? 0L : s.bestLapSetAtMicros())
                .thenComparing(RACE.order)),
        TOTAL_TIME(Comparator.comparing((Standing s) -> !s.hasCrossedFinishLine())
                .thenComparing(Comparator.comparingInt(Standing::laps).reversed())
                .thenComparingLong(s -> s.hasCrossedFinishLine() ? s.totalTimeMicros() : 0L)
                .thenComparing(Standing::carNumber, CarNumberOrder.INSTANCE));

        private final Comparator<Standing> order;

        Mode(Comparator<Standing> order) {
            this.order = order;
        }

        Gap gap(Standing ahead, Standing car) {
            return switch (this) {
                case RACE -> raceGap(ahead, car);
                case BEST_LAP -> ahead.bestLapMicros() == null || car.bestLapMicros() == null
                        ? Gap.NONE : Gap.time(car.bestLapMicros() - ahead.bestLapMicros());
                case TOTAL_TIME -> totalTimeGap(ahead, car);
            };
        }

        private static Gap raceGap(Standing ahead, Standing car) {
            if (!ahead.hasCrossedFinishLine() || !car.hasCrossedFinishLine()) {
                return Gap.NONE;
            }
            int laps = car.laps();
            int lapsBehind = ahead.laps() - laps;
            if (lapsBehind < 0) {
                return Gap.NONE;
            }
            long[] aheadCrossings = ahead.finishLineCrossings();
            long carCrossing = car.finishLineCrossings()[laps];
            // one lap short counts as the same lap only while the car crossed between the two crossings of the
            // car ahead; a car that started timing earlier can have crossed before both (never a negative gap)
            boolean sameLap = lapsBehind == 0 || (lapsBehind == 1 && carCrossing < aheadCrossings[laps + 1]
                    && carCrossing >= aheadCrossings[laps]);
            return sameLap ? Gap.time(carCrossing - aheadCrossings[laps]) : Gap.laps(lapsBehind);
        }

        private static Gap totalTimeGap(Standing ahead, Standing car) {
            if (!ahead.hasCrossedFinishLine() || !car.hasCrossedFinishLine()) {
                return Gap.NONE;
            }
            int lapsBehind = ahead.laps() - car.laps();
            return lapsBehind > 0 ? Gap.laps(lapsBehind) : Gap.time(car.totalTimeMicros() - ahead.totalTimeMicros());
        }
    }
}
