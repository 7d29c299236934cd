package io.pitwall.ingest.core.health;

import java.util.Map;

/**
 * Outcome of all checks of one kind (liveness or readiness).
 *
 * @param up     true when every check is up (and also when there are none)
 * @param checks results by check name, in registration order
 */
public record HealthReport(boolean up, Map<String, CheckResult> checks) {
}
