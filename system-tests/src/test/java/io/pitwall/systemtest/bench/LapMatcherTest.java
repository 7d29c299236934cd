package io.pitwall.systemtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's rule for which passings a received state contains (no pipeline needed). */
class LapMatcherTest {

    private final List<String> resolved = new ArrayList<>();
    private final LapMatcher matcher = new LapMatcher("spa",
            (venue, sent, latency) -> resolved.add(venue + " sent@" + sent + " +" + latency));

    @Test
    void aStateShowsEveryLapUpToItsLapCountOnceAndNoLaterOne() {
        matcher.sent("7", 1, 100);
        matcher.sent("7", 2, 200);
        matcher.sent("7", 3, 300);
        matcher.sent("12", 1, 150);

        matcher.state(Map.of("7", 2, "12", 0), 1_000);
        assertThat(resolved).containsExactly("spa sent@100 +900", "spa sent@200 +800");
        assertThat(matcher.pending()).isEqualTo(2);
        assertThat(matcher.oldestPendingSentNanos()).isEqualTo(150);

        // a later state showing the same counts resolves nothing again
        matcher.state(Map.of("7", 2, "12", 0), 1_100);
        assertThat(resolved).hasSize(2);

        matcher.state(Map.of("7", 3, "12", 1, "99", 4), 2_000);
        assertThat(resolved).containsExactlyInAnyOrder("spa sent@100 +900", "spa sent@200 +800", "spa sent@300 +1700",
                "spa sent@150 +1850");
        assertThat(matcher.pending()).isZero();
        assertThat(matcher.oldestPendingSentNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aLapSentAfterTheStateThatShowedItsCountWaitsForTheNextState() {
        matcher.state(Map.of("7", 5), 1_000);
        matcher.sent("7", 6, 1_500);
        matcher.state(Map.of("7", 5), 1_600);
        assertThat(resolved).isEmpty();
        matcher.state(Map.of("7", 6), 1_700);
        assertThat(resolved).containsExactly("spa sent@1500 +200");
    }

    @Test
    void percentilesAreTakenOverThePassingsSentInTheWindow() {
        LatencySamples samples = new LatencySamples();
        for (int i = 1; i <= 100; i++) {
            samples.add(i, i * 1_000_000L);
        }
        samples.add(500, 999_000_000L);
        LatencySamples.Summary window = samples.between(1, 101);
        assertThat(window.count()).isEqualTo(100);
        assertThat(window.percentileMillis(0.5)).isEqualTo(50.0);
        assertThat(window.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(window.maxMillis()).isEqualTo(100.0);
    }
}
