package io.pitwall.schemas.registry;

import java.time.Duration;

/**
 * How often and how patiently the client retries a call that failed for a passing reason (no URL
 * reachable, HTTP 5xx or 429). Errors about the request itself (4xx) are never retried. Confluent's
 * client uses the same three settings ({@code max.retries}, {@code retries.wait.ms},
 * {@code retries.max.wait.ms}).
 *
 * @param maxRetries   retries after the first attempt; 0 = fail at once
 * @param initialWait  wait before the first retry; doubled before each further one
 * @param maxWait      upper bound of any single wait
 */
public record RetryPolicy(int maxRetries, Duration initialWait, Duration maxWait) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        if (initialWait.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("retry waits must not be negative");
        }
    }

    /** Wait before retry number {@code retry} (1 = first retry). */
    Duration waitBefore(int retry) {
        long millis = initialWait.toMillis();
        for (int i = 1; i < retry && millis < maxWait.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxWait.toMillis()));
    }
}
