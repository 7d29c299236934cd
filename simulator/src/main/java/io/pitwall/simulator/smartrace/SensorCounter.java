package io.pitwall.simulator.smartrace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The value a sensor writes into {@code timestamp} for a crossing at a given instant.
 *
 * <p>Microcontroller: {@code (start + ms since boot) mod 2^bits}, with {@code boot} the instant the
 * counter read {@code start}, so a test can place a wrap where it wants. Phone: the epoch
 * milliseconds of the phone's clock, which is off by {@code clockError}.
 */
public final class SensorCounter {

    private final SensorStyle style;
    private final Instant boot;
    private final long start;
    private final long modulus;
    private final Duration clockError;

    private SensorCounter(SensorStyle style, Instant boot, long start, int bits, Duration clockError) {
        this.style = Objects.requireNonNull(style, "style");
        this.boot = Objects.requireNonNull(boot, "boot");
        this.clockError = Objects.requireNonNull(clockError, "clockError");
        if (bits != 30 && bits != 32) {
            throw new IllegalArgumentException("Sensor counters wrap at 2^30 or 2^32, not 2^" + bits);
        }
        this.modulus = 1L << bits;
        if (start < 0 || start >= modulus) {
            throw new IllegalArgumentException("start must be in [0, 2^" + bits + ")");
        }
        this.start = start;
    }

    /** A microcontroller whose counter read {@code start} at {@code boot} and wraps at 2^{@code bits}. */
    public static SensorCounter microcontroller(Instant boot, long start, int bits) {
        return new SensorCounter(SensorStyle.MICROCONTROLLER, boot, start, bits, Duration.ZERO);
    }

    /** A phone whose clock is off by {@code clockError} (positive: ahead). */
    public static SensorCounter phone(Duration clockError) {
        return new SensorCounter(SensorStyle.PHONE, Instant.EPOCH, 0, 32, clockError);
    }

    public SensorStyle style() {
        return style;
    }

    /** The counter value for a crossing at {@code at}. */
    public long at(Instant at) {
        if (style == SensorStyle.PHONE) {
            return at.plus(clockError).toEpochMilli();
        }
        long sinceBoot = Duration.between(boot, at).toMillis();
        return Math.floorMod(start + sinceBoot, modulus);
    }
}
