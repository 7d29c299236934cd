package io.pitwall.ingest.core.health;

/**
 * One condition of a service's health. Called on every probe request, so it must be cheap and must
 * not block: report state that a background task keeps current (see {@link KafkaReachabilityProbe}).
 * An exception counts as DOWN.
 */
@FunctionalInterface
public interface HealthCheck {

    CheckResult check();
}
