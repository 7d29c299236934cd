package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.LineKind;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.PassingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrackStatusFoldTest {

    private static final LineKind[] LINES = LineKind.values();

    private static List<Crossing> crossings(LineKind... lines) {
        List<Crossing> crossings = new ArrayList<>();
        for (LineKind line : lines) {
            int n = crossings.size();
            crossings.add(new Crossing(new PassingKey("s", 0, n), "tx", 1_000_000L * n, line,
                    line == LineKind.SECTOR ? 1 : null, null));
        }
        return crossings;
    }

    private static TrackStatusFold fold(LineKind... lines) {
        return foldOver(crossings(lines));
    }

    private static TrackStatusFold foldOver(List<Crossing> crossings) {
        TrackStatusFold fold = new TrackStatusFold();
        fold.advanceOver(crossings);
        return fold;
    }

    @Test
    void shouldShowNotStartedUntilTheFirstCrossingAndRunAfterIt() {
        assertThat(fold().status()).isEqualTo(CarStatus.NOT_STARTED);
        assertThat(fold(LineKind.FINISH).status()).isEqualTo(CarStatus.RUN);
        assertThat(fold(LineKind.START).status()).isEqualTo(CarStatus.RUN);
        assertThat(fold(LineKind.SECTOR).status()).isEqualTo(CarStatus.RUN);
    }

    @Test
    void shouldGoThroughThePitsAndCountEveryStop() {
        TrackStatusFold pitted = fold(LineKind.FINISH, LineKind.PIT_IN);
        assertThat(pitted.status()).isEqualTo(CarStatus.PIT);
        assertThat(pitted.pitStops()).isEqualTo(1);
        assertThat(fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.PIT_OUT).status()).isEqualTo(CarStatus.OUT);
        TrackStatusFold twice = fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.PIT_OUT, LineKind.FINISH,
                LineKind.PIT_IN, LineKind.PIT_OUT, LineKind.FINISH);
        assertThat(twice.status()).isEqualTo(CarStatus.RUN);
        assertThat(twice.pitStops()).isEqualTo(2);
    }

    @Test
    void shouldStayInThePitsAtTheFirstFinishAfterPitInAndLeaveAtTheSecond() {
        // the pit lane may run through the finish loop: its FINISH is not the car leaving
        assertThat(fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.FINISH).status()).isEqualTo(CarStatus.PIT);
        assertThat(fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.FINISH, LineKind.FINISH).status())
                .as("PIT_OUT missed").isEqualTo(CarStatus.RUN);
    }

    @Test
    void shouldTakeASectorLineAfterPitInAsTheCarBackOnTrack() {
        assertThat(fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.SECTOR).status()).isEqualTo(CarStatus.OUT);
        assertThat(fold(LineKind.FINISH, LineKind.PIT_IN, LineKind.PIT_OUT, LineKind.SECTOR).status())
                .isEqualTo(CarStatus.OUT);
    }

    /** A fold continued in any number of steps is the fold over the whole list. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void shouldEqualTheWholeFoldWhenContinuedInPieces(long seed) {
        Random random = new Random(seed);
        LineKind[] lines = new LineKind[random.nextInt(200)];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = LINES[random.nextInt(LINES.length)];
        }
        List<Crossing> all = crossings(lines);
        TrackStatusFold continued = new TrackStatusFold();
        int at = 0;
        while (at < all.size()) {
            at = Math.min(all.size(), at + random.nextInt(5));
            // the list grows as the car's walk goes on: each step sees a longer list with the same start
            continued.advanceOver(all.subList(0, at));
            TrackStatusFold whole = foldOver(all.subList(0, at));
            assertThat(continued.status()).isEqualTo(whole.status());
            assertThat(continued.pitStops()).isEqualTo(whole.pitStops());
        }
        assertThat(continued.folded()).isEqualTo(all.size());
    }

    @Test
    void shouldRefuseToGoBack() {
        TrackStatusFold fold = foldOver(crossings(LineKind.FINISH, LineKind.FINISH));
        assertThatThrownBy(() -> fold.advanceOver(crossings(LineKind.FINISH)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
