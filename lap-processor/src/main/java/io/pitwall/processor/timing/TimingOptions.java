package io.pitwall.processor.timing;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings that are not part of the session configuration.
 *
 * @param carStoppedAfter a car on track that has not crossed any line for this long is shown as STOP
 */
public record TimingOptions(Duration carStoppedAfter) {

    public static final Duration DEFAULT_CAR_STOPPED_AFTER = Duration.ofMinutes(2);

    public TimingOptions {
        Objects.requireNonNull(carStoppedAfter, "carStoppedAfter");
        if (carStoppedAfter.isNegative()) {
            throw new IllegalArgumentException("carStoppedAfter must not be negative");
        }
    }

    public static TimingOptions defaults() {
        return new TimingOptions(DEFAULT_CAR_STOPPED_AFTER);
    }
}
