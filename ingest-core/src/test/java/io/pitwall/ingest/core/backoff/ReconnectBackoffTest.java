package io.pitwall.ingest.core.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.core.backoff.ReconnectBackoff.Jitter;
import io.pitwall.ingest.core.config.ConfigLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void fullJitterStaysUnderTheDoublingCeilingAndTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, Jitter.FULL, new Random(1));
        for (int attempt = 0; attempt < 200; attempt++) {
            long ceiling = Math.min(MAX.toNanos(), INITIAL.toNanos() << Math.min(attempt, 30));
            Duration d = backoff.nextDelay();
            assertThat(d).isBetween(Duration.ZERO, Duration.ofNanos(ceiling));
        }
        assertThat(backoff.attempts()).isEqualTo(200);
    }

    @Test
    void ceilingDoublesThenCaps() {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, Jitter.FULL, new Random(1));
        assertThat(backoff.ceilingNanos(0)).isEqualTo(INITIAL.toNanos());
        assertThat(backoff.ceilingNanos(1)).isEqualTo(2 * INITIAL.toNanos());
        assertThat(backoff.ceilingNanos(5)).isEqualTo(32 * INITIAL.toNanos());
        assertThat(backoff.ceilingNanos(6)).isEqualTo(MAX.toNanos());
        assertThat(backoff.ceilingNanos(62)).isEqualTo(MAX.toNanos());
        assertThat(backoff.ceilingNanos(Integer.MAX_VALUE)).isEqualTo(MAX.toNanos());
    }

    @Test
    void fullJitterReallyJittersAndReachesHighDelaysOnceCapped() {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, Jitter.FULL, new Random(7));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelay();
        }
        Set<Duration> seen = new HashSet<>();
        long above = 0;
        for (int i = 0; i < 100; i++) {
            Duration d = backoff.nextDelay();
            seen.add(d);
            if (d.compareTo(MAX.dividedBy(2)) > 0) {
                above++;
            }
        }
        assertThat(seen).hasSizeGreaterThan(90);
        assertThat(above).isBetween(25L, 75L);
    }

    @Test
    void decorrelatedJitterIsNeverBelowInitialNorAboveCapOrThreeTimesThePrevious() {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, Jitter.DECORRELATED, new Random(3));
        Duration previous = INITIAL;
        for (int i = 0; i < 200; i++) {
            Duration d = backoff.nextDelay();
            assertThat(d).isGreaterThanOrEqualTo(INITIAL).isLessThanOrEqualTo(MAX)
                    .isLessThanOrEqualTo(previous.multipliedBy(3));
            previous = d;
        }
    }

    @Test
    void resetStartsOverFromInitial() {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, Jitter.FULL, new Random(5));
        for (int i = 0; i < 20; i++) {
            backoff.nextDelay();
        }
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextDelay()).isLessThanOrEqualTo(INITIAL);

        ReconnectBackoff decorrelated = new ReconnectBackoff(INITIAL, MAX, Jitter.DECORRELATED, new Random(5));
        for (int i = 0; i < 20; i++) {
            decorrelated.nextDelay();
        }
        decorrelated.reset();
        assertThat(decorrelated.nextDelay()).isLessThanOrEqualTo(INITIAL.multipliedBy(3));
    }

    @Test
    void sameSeedSameDelays() {
        assertThat(delays(new Random(42), Jitter.FULL)).isEqualTo(delays(new Random(42), Jitter.FULL));
        assertThat(delays(new Random(42), Jitter.DECORRELATED)).isEqualTo(delays(new Random(42), Jitter.DECORRELATED));
        assertThat(delays(new Random(42), Jitter.FULL)).isNotEqualTo(delays(new Random(43), Jitter.FULL));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, MAX, Jitter.FULL, new Random()))
                .hasMessageContaining("initial backoff must be > 0");
        assertThatThrownBy(() -> new ReconnectBackoff(MAX, INITIAL, Jitter.FULL, new Random()))
                .hasMessageContaining("below initial");
    }

    @Test
    void configuredFromTheBackoffFields() {
        var config = ConfigLoader.of(BackoffFields.FIELDS)
                .environment(Map.of("RECONNECT_BACKOFF_INITIAL", "1s", "RECONNECT_BACKOFF_MAX", "2s",
                        "RECONNECT_BACKOFF_JITTER", "decorrelated"))
                .load();
        ReconnectBackoff backoff = ReconnectBackoff.fromConfig(config);
        for (int i = 0; i < 20; i++) {
            assertThat(backoff.nextDelay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    private static List<Duration> delays(Random random, Jitter jitter) {
        ReconnectBackoff backoff = new ReconnectBackoff(INITIAL, MAX, jitter, random);
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(backoff.nextDelay());
        }
        return out;
    }
}
