package io.pitwall.systemtest.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every system test: wait until {@code timing.laps} and the Timing71 viewers show the ground truth of
 * every race (or the timeout), then assert it exactly — so a failure shows the difference, and an event that
 * arrived after convergence and spoiled it is caught too. Returns how long convergence took.
 */
public final class GroundTruthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(GroundTruthCheck.class);

    private GroundTruthCheck() {
    }

    /** One race and the viewer following its Timing71 service. */
    public record Watched(HardwareRace race, T71Client viewer) {
    }

    /**
     * @param extra a further condition to wait for (e.g. every ChronoFly passing confirmed); not asserted here
     * @return milliseconds until convergence (or the timeout)
     */
    public static long awaitAndAssert(LapsReader laps, List<Watched> races, Duration timeout, BooleanSupplier extra) {
        long started = System.nanoTime();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                laps.poll();
                for (Watched w : races) {
                    if (!laps.book().lines(w.race().venueId(), w.race().sessionId()).equals(w.race().expectedLaps())
                            || !w.viewer().classification().equals(w.race().expectedClassification())) {
                        return false;
                    }
                }
                return extra.getAsBoolean();
            });
        } catch (ConditionTimeoutException e) {
            LOG.error("no ground truth within {}; the assertions below show the difference", timeout);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (Watched w : races) {
            HardwareRace race = w.race();
            assertThat(laps.poll().lines(race.venueId(), race.sessionId())).as(race.venueId() + " laps")
                    .containsExactlyElementsOf(race.expectedLaps());
            assertThat(w.viewer().classification()).as(race.venueId() + " classification on the WebSocket")
                    .containsExactlyElementsOf(race.expectedClassification());
        }
        assertThat(laps.book().anomalies()).as("laps completed twice or corrected without existing").isEmpty();
        return millis;
    }

    public static long awaitAndAssert(LapsReader laps, HardwareRace race, T71Client viewer, Duration timeout) {
        return awaitAndAssert(laps, List.of(new Watched(race, viewer)), timeout, () -> true);
    }
}
