package io.pitwall.ingest.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The liveness and readiness checks of a service.
 *
 * <ul>
 *   <li><b>Liveness</b>: "restarting this process would help" when DOWN. Only internal wedges belong
 *       here (a dead publisher thread, a stuck scheduler), never Kafka or hardware reachability: a
 *       restart during a Kafka outage would throw away the records held for it.</li>
 *   <li><b>Readiness</b>: "this instance is doing its job": Kafka reachable and, for ingests that dial
 *       out, the hardware connected.</li>
 * </ul>
 * Thread-safe; checks can be added while the server is running.
 */
public final class HealthRegistry {

    private final Map<String, HealthCheck> liveness = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, HealthCheck> readiness = Collections.synchronizedMap(new LinkedHashMap<>());

    public HealthRegistry addLiveness(String name, HealthCheck check) {
        put(liveness, name, check);
        return this;
    }

    public HealthRegistry addReadiness(String name, HealthCheck check) {
        put(readiness, name, check);
        return this;
    }

    public void removeReadiness(String name) {
        readiness.remove(name);
    }

    public void removeLiveness(String name) {
        liveness.remove(name);
    }

    public HealthReport liveness() {
        return evaluate(liveness);
    }

    public HealthReport readiness() {
        return evaluate(readiness);
    }

    private static void put(Map<String, HealthCheck> checks, String name, HealthCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("A health check named '" + name + "' is already registered");
        }
    }

    private static HealthReport evaluate(Map<String, HealthCheck> checks) {
        Map<String, HealthCheck> snapshot;
        synchronized (checks) {
            snapshot = new LinkedHashMap<>(checks);
        }
        Map<String, CheckResult> results = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> e : snapshot.entrySet()) {
            CheckResult result;
            try {
                result = Objects.requireNonNull(e.getValue().check(), "check returned null");
            } catch (RuntimeException ex) {
                result = CheckResult.down("check failed: " + ex);
            }
            results.put(e.getKey(), result);
            up &= result.up();
        }
        return new HealthReport(up, Collections.unmodifiableMap(results));
    }
}
