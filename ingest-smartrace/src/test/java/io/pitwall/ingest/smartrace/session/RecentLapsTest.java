package io.pitwall.ingest.smartrace.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentLapsTest {

    final RecentLaps laps = new RecentLaps(Duration.ofMinutes(10), 3);

    @Test
    void remembersCrossingsWithTheirTime() {
        RecentLaps.Key key = new RecentLaps.Key(Line.FINISH, 2, 1234);

        assertThat(laps.lookup(key, 0)).isEmpty();
        assertThat(laps.record(key, 99_000, 0)).isTrue();
        assertThat(laps.lookup(key, 1)).hasValue(99_000);
        assertThat(laps.record(key, 99_500, 2)).as("second recorder loses").isFalse();
        assertThat(laps.lookup(new RecentLaps.Key(Line.FINISH, 3, 1234), 2)).as("other controller").isEmpty();
        assertThat(laps.lookup(new RecentLaps.Key(Line.PIT_OUT, 2, 1234), 2)).as("other line").isEmpty();
    }

    @Test
    void forgetsAfterTheWindowAndBeyondCapacity() {
        for (int i = 0; i < 4; i++) {
            laps.record(new RecentLaps.Key(Line.FINISH, 1, i), i, i);
        }
        assertThat(laps.size()).isEqualTo(3);
        assertThat(laps.lookup(new RecentLaps.Key(Line.FINISH, 1, 0), 4)).as("oldest evicted").isEmpty();
        assertThat(laps.lookup(new RecentLaps.Key(Line.FINISH, 1, 3), 4)).isPresent();

        long later = Duration.ofMinutes(10).toMillis() + 10;
        assertThat(laps.lookup(new RecentLaps.Key(Line.FINISH, 1, 3), later)).as("expired").isEmpty();
        assertThat(laps.size()).isZero();
    }

    @Test
    void forgetsOnRequest() {
        RecentLaps.Key key = new RecentLaps.Key(Line.FINISH, 1, 5);
        laps.record(key, 1, 1);
        laps.forget(key);
        assertThat(laps.lookup(key, 2)).isEmpty();
    }
}
