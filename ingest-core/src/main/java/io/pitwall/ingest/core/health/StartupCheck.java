package io.pitwall.ingest.core.health;

import java.util.Objects;

/**
 * Readiness check "started": DOWN from the moment the health server answers until the service has
 * finished starting (publisher connected, topics ready, the ingest's listeners bound), and DOWN
 * again once it begins shutting down.
 *
 * <p>Without it readiness would be the conjunction of whatever checks happen to be registered so
 * far — an empty set is UP — and a service whose ingest adds no check of its own would be sent
 * traffic while it still refuses connections.
 */
public final class StartupCheck implements HealthCheck {

    private enum Phase { STARTING, STARTED, STOPPING }

    private Phase phase = Phase.STARTING;
    private volatile CheckResult result;

    public StartupCheck(String firstStep) {
        this.result = CheckResult.down("starting: " + Objects.requireNonNull(firstStep, "firstStep"));
    }

    /** Reports what the service is waiting for while it starts; ignored once started or stopping. */
    public synchronized void step(String step) {
        if (phase == Phase.STARTING) {
            result = CheckResult.down("starting: " + step);
        }
    }

    /** The service accepts work from now on; ignored once stopping. */
    public synchronized void started(String how) {
        if (phase == Phase.STARTING) {
            phase = Phase.STARTED;
            result = CheckResult.up(how);
        }
    }

    /** The service no longer accepts work: readiness stays DOWN for good. */
    public synchronized void stopping() {
        phase = Phase.STOPPING;
        result = CheckResult.down("shutting down");
    }

    @Override
    public CheckResult check() {
        return result;
    }
}
