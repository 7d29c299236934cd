package io.pitwall.processor.topology;

import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every option of the lap-processor topology, with its default.
 *
 * @param reorderMaxDelay     {@code reorder.max-delay}: how long a gap in a stream's sequence is held before
 *                            it is skipped (wall clock)
 * @param reorderCheckInterval how often held gaps are checked
 * @param publishInterval     {@code timing71.publish-interval}: how often Timing71 states are published
 *                            (Timing71 itself publishes at most once a second)
 * @param carStoppedAfter     {@code car.stopped-after}: silence after which a car on track is STOP
 * @param timing71Source      the manifest's {@code source} tuple (name, link)
 */
public record LapProcessorConfig(String passingsTopic, String sessionsTopic, String sessionControlTopic,
                                 String lapsTopic, String statesTopic, String manifestsTopic,
                                 Duration reorderMaxDelay, Duration reorderCheckInterval, Duration publishInterval,
                                 Duration carStoppedAfter, List<String> timing71Source) {

    public static final String REORDER_MAX_DELAY = "reorder.max-delay";
    public static final String PUBLISH_INTERVAL = "timing71.publish-interval";
    public static final String CAR_STOPPED_AFTER = "car.stopped-after";

    public LapProcessorConfig {
        Objects.requireNonNull(passingsTopic);
        Objects.requireNonNull(sessionsTopic);
        Objects.requireNonNull(sessionControlTopic);
        Objects.requireNonNull(lapsTopic);
        Objects.requireNonNull(statesTopic);
        Objects.requireNonNull(manifestsTopic);
        positive(reorderMaxDelay, REORDER_MAX_DELAY, true);
        positive(reorderCheckInterval, "reorder.check-interval", false);
        positive(publishInterval, PUBLISH_INTERVAL, false);
        positive(carStoppedAfter, CAR_STOPPED_AFTER, true);
        timing71Source = List.copyOf(timing71Source);
    }

    public static LapProcessorConfig defaults() {
        return new LapProcessorConfig(Topics.PASSINGS.name(), Topics.SESSIONS.name(), Topics.SESSION_CONTROL.name(),
                Topics.LAPS.name(), Topics.TIMING71_STATES.name(), Topics.TIMING71_MANIFESTS.name(),
                Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2),
                List.of("Pitwall", ""));
    }

    /** Defaults overridden by ISO-8601 durations ({@code PT2S}) or milliseconds under the keys above. */
    public static LapProcessorConfig from(Map<String, String> properties) {
        LapProcessorConfig d = defaults();
        return new LapProcessorConfig(d.passingsTopic, d.sessionsTopic, d.sessionControlTopic, d.lapsTopic,
                d.statesTopic, d.manifestsTopic,
                duration(properties, REORDER_MAX_DELAY, d.reorderMaxDelay), d.reorderCheckInterval,
                duration(properties, PUBLISH_INTERVAL, d.publishInterval),
                duration(properties, CAR_STOPPED_AFTER, d.carStoppedAfter), d.timing71Source);
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return value.startsWith("P") ? Duration.parse(value) : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": not a duration (PT2S or milliseconds): " + value, e);
        }
    }

    private static void positive(Duration value, String name, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "non-negative" : "positive"));
        }
    }
}
