package io.pitwall.processor.timing.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pitwall.events.SessionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static final long S = 1_000_000L;

    @Test
    void shouldClassifyRaceByLapsThenLastCrossing() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "A", 0, 90, 180),            // 2 laps, last at 180
                race("2", "A", 1, 91, 181, 271),       // 3 laps
                race("3", "B", 2, 92, 179),            // 2 laps, last at 179: ahead of #1
                race("4", "B"),                         // never crossed
                race("10", "B", 5)));                  // crossed, no lap

        assertThat(result).extracting(c -> c.standing().carNumber(), ClassifiedCar::position)
                .containsExactly(tuple("2", 1), tuple("3", 2), tuple("1", 3), tuple("10", 4), tuple("4", 5));
    }

    @Test
    void shouldGivePositionsInClass() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "LMP2", 0, 90), race("2", "GT3", 0, 91), race("3", "LMP2", 0, 92), race("4", "GT3", 0, 93)));

        assertThat(result).extracting(c -> c.standing().carNumber(), ClassifiedCar::classPosition)
                .containsExactly(tuple("1", 1), tuple("2", 1), tuple("3", 2), tuple("4", 2));
    }

    @Test
    void shouldShowGapInTimeOnTheSameLap() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "A", 0, 90, 180), race("2", "A", 0, 91, 182.5), race("3", "A", 0, 92, 183)));

        assertThat(result).extracting(ClassifiedCar::gap, ClassifiedCar::interval).containsExactly(
                tuple(Gap.NONE, Gap.NONE),
                tuple(Gap.time(2_500_000), Gap.time(2_500_000)),
                tuple(Gap.time(3 * S), Gap.time(500_000)));
    }

    @Test
    void shouldShowGapInLapsWhenLapped() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "A", 0, 90, 180, 270, 360),
                race("2", "A", 0, 120, 240, 370),   // completed lap 3 after the leader completed lap 4
                race("3", "A", 0, 150, 300)));      // two laps fewer

        assertThat(result).extracting(c -> c.standing().carNumber(), ClassifiedCar::gap, ClassifiedCar::interval)
                .containsExactly(
                        tuple("1", Gap.NONE, Gap.NONE),
                        tuple("2", Gap.laps(1), Gap.laps(1)),
                        // #3 is on #2's lap: it crossed lap 2 before #2 completed lap 3
                        tuple("3", Gap.laps(2), Gap.time(60 * S)));
    }

    @Test
    void shouldShowGapInTimeForACarOneLapShortThatCrossedBeforeTheLeaderCompletedItsNextLap() {
        // the leader has just completed lap 3; #2 completed lap 2 two seconds after the leader did, and is still
        // on the leader's lap: a time gap, not "1 lap"
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "A", 0, 90, 180, 270), race("2", "A", 0, 91, 182)));

        assertThat(result.get(1).gap()).isEqualTo(Gap.time(2 * S));
    }

    @Test
    void shouldShowLapsNotANegativeTimeForACarOneLapShortThatStartedTimingBeforeTheLeader() {
        // #2's first crossing came long before the leader's (it joined the session earlier, e.g. from the pit
        // lane): it completed its lap 2 before the leader completed lap 2, so there is no time on the same lap
        List<ClassifiedCar> result = Classifier.classify(SessionType.RACE, false, List.of(
                race("1", "A", 100, 190, 280, 370), race("2", "A", 0, 90, 181)));

        assertThat(result.get(1).gap()).isEqualTo(Gap.laps(1));
        assertThat(result.get(1).interval()).isEqualTo(Gap.laps(1));
    }

    @Test
    void shouldClassifyQualifyingByBestLap() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.QUALIFYING, false, List.of(
                best("1", 91.2, 300, 5), best("2", 90.8, 400, 3), best("3", 90.8, 350, 2), best("4", null, 0, 0)));

        assertThat(result).extracting(c -> c.standing().carNumber(), ClassifiedCar::gap).containsExactly(
                tuple("3", Gap.NONE), // same time as #2, set first
                tuple("2", Gap.time(0)),
                tuple("1", Gap.time(400_000)),
                tuple("4", Gap.NONE));
    }

    @Test
    void shouldClassifyByTotalTimeWhenConfigured() {
        List<ClassifiedCar> result = Classifier.classify(SessionType.PRACTICE, true, List.of(
                race("1", "A", 10, 100, 190), race("2", "A", 0, 89, 179), race("3", "A", 0, 95)));

        assertThat(result).extracting(c -> c.standing().carNumber(), ClassifiedCar::gap).containsExactly(
                tuple("2", Gap.NONE), tuple("1", Gap.time(S)), tuple("3", Gap.laps(1)));
    }

    @Test
    void shouldOrderCarNumbersNumerically() {
        List<String> numbers = new java.util.ArrayList<>(List.of("10", "2", "A1", "1"));
        numbers.sort(CarNumberOrder.INSTANCE);
        assertThat(numbers).containsExactly("1", "2", "10", "A1");
    }

    private static Standing race(String number, String className, double... crossings) {
        long[] micros = new long[crossings.length];
        for (int i = 0; i < crossings.length; i++) {
            micros[i] = Math.round(crossings[i] * S);
        }
        return new Standing(number, className, micros, null, 0);
    }

    private static Standing best(String number, Double best, double setAt, int laps) {
        long[] crossings = new long[laps + 1];
        for (int i = 0; i <= laps; i++) {
            crossings[i] = i * 100 * S;
        }
        return new Standing(number, "A", laps == 0 ? new long[0] : crossings,
                best == null ? null : Math.round(best * S), Math.round(setAt * S));
    }
}
