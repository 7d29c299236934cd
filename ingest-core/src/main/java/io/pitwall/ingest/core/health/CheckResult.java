package io.pitwall.ingest.core.health;

import java.util.Objects;

/**
 * Outcome of one {@link HealthCheck}.
 *
 * @param up     whether the condition holds
 * @param detail one line for the operator, e.g. {@code "cluster 5Lq..., 3 brokers"} or the failure reason
 */
public record CheckResult(boolean up, String detail) {

    public CheckResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult up(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult down(String detail) {
        return new CheckResult(false, detail);
    }
}
