package io.pitwall.ingest.core.backoff;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Delay before the next reconnect attempt: exponential growth from {@code initial}, capped at
 * {@code max}, randomised so that many connections dropped by the same network blip (every venue of
 * a championship behind one uplink) do not all come back in the same millisecond.
 *
 * <ul>
 *   <li>{@link Jitter#FULL}: uniformly in {@code [0, min(max, initial * 2^attempt)]}. Spreads load best;
 *       an individual delay can be short.</li>
 *   <li>{@link Jitter#DECORRELATED}: uniformly in {@code [initial, min(max, previous * 3)]}. Never
 *       shorter than {@code initial}, grows less regularly.</li>
 * </ul>
 *
 * <p>Call {@link #nextDelay()} after each failed attempt and {@link #reset()} once a connection has
 * succeeded. Thread-safe. Pass a seeded {@link RandomGenerator} for deterministic tests.
 */
public final class ReconnectBackoff {

    /** How the exponential delay is randomised. */
    public enum Jitter { FULL, DECORRELATED }

    private final long initialNanos;
    private final long maxNanos;
    private final Jitter jitter;
    private final RandomGenerator random;

    private int attempts;
    private long previousNanos;

    public ReconnectBackoff(Duration initial, Duration max, Jitter jitter, RandomGenerator random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be > 0, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below initial backoff " + initial);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.random = Objects.requireNonNull(random, "random");
        this.previousNanos = initialNanos;
    }

    /** Full jitter with a fresh random source. */
    public static ReconnectBackoff exponential(Duration initial, Duration max) {
        return new ReconnectBackoff(initial, max, Jitter.FULL, new SplittableRandom());
    }

    /** The options a client-type ingest adds to its fields to configure this. */
    public static ReconnectBackoff fromConfig(io.pitwall.ingest.core.config.Configuration config) {
        return new ReconnectBackoff(config.get(BackoffFields.INITIAL), config.get(BackoffFields.MAX),
                config.get(BackoffFields.JITTER), new SplittableRandom());
    }

    /** The delay to wait before the next attempt; each call counts one failed attempt. */
    public synchronized Duration nextDelay() {
        long delay = switch (jitter) {
            case FULL -> uniform(0, ceilingNanos(attempts));
            case DECORRELATED -> uniform(initialNanos, Math.min(maxNanos, saturatedTimes3(previousNanos)));
        };
        previousNanos = Math.max(delay, initialNanos);
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        return Duration.ofNanos(delay);
    }

    /** The connection succeeded: the next failure starts again from {@code initial}. */
    public synchronized void reset() {
        attempts = 0;
        previousNanos = initialNanos;
    }

    /** Failed attempts since the last reset. */
    public synchronized int attempts() {
        return attempts;
    }

    /** {@code min(max, initial * 2^attempt)} without overflow. */
    long ceilingNanos(int attempt) {
        if (attempt >= 63 || initialNanos > (maxNanos >> Math.min(attempt, 62))) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << attempt);
    }

    private static long saturatedTimes3(long nanos) {
        return nanos > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : nanos * 3;
    }

    private long uniform(long lowInclusive, long highInclusive) {
        if (highInclusive <= lowInclusive) {
            return lowInclusive;
        }
        return random.nextLong(lowInclusive, highInclusive + 1);
    }
}
