package io.pitwall.ingest.core.publish;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the publisher's internal signals into an outage state, a log line an operator can act on and
 * the values of the outage gauges. Ticked about once a second by the publisher.
 *
 * <p>Kafka counts as unreachable when records are held and none was acknowledged for the stall
 * threshold, or when the reachability probe (if any) fails. The schema registry counts as unreachable
 * when serialization has been retrying for the threshold; that is reported as its own outage because
 * the operator's fix is a different one.
 */
final class OutageWatchdog {

    /** What is wrong, if anything. */
    enum Outage { NONE, KAFKA, SCHEMA_REGISTRY }

    /** The publisher state the watchdog reads. */
    interface Signals {
        int heldRecords();

        /** See {@link OutstandingRecords#lastProgressNanos()}. */
        long lastProgressNanos();

        /** When serialization started failing transiently for the current record, 0 when it is not. */
        long serializationStalledSinceNanos();

        String lastSerializationError();

        /** The reachability probe's verdict; true when there is no probe. */
        boolean probeSaysReachable();

        boolean writable();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DurablePublisher.class);

    private final Signals signals;
    private final long thresholdNanos;
    private final long repeatNanos;

    private volatile Outage outage = Outage.NONE;
    private volatile long outageSinceNanos;
    private volatile long lastTickNanos;
    private long probeDownSinceNanos;
    private long nextLogNanos;

    /**
     * @param threshold how long without progress counts as an outage
     * @param repeat    how often the outage line is repeated while it lasts
     */
    OutageWatchdog(Signals signals, Duration threshold, Duration repeat, long nowNanos) {
        this.signals = signals;
        this.thresholdNanos = threshold.toNanos();
        this.repeatNanos = repeat.toNanos();
        this.lastTickNanos = nowNanos;
    }

    synchronized void tick(long now) {
        lastTickNanos = now;
        int held = signals.heldRecords();

        long serializationSince = signals.serializationStalledSinceNanos();
        boolean registryDown = serializationSince != 0 && now - serializationSince >= thresholdNanos;

        boolean noAcks = held > 0 && now - signals.lastProgressNanos() >= thresholdNanos;
        if (signals.probeSaysReachable()) {
            probeDownSinceNanos = 0;
        } else if (probeDownSinceNanos == 0) {
            probeDownSinceNanos = now;
        }
        boolean kafkaDown = noAcks || probeDownSinceNanos != 0;

        Outage current = registryDown ? Outage.SCHEMA_REGISTRY : kafkaDown ? Outage.KAFKA : Outage.NONE;
        long since = switch (current) {
            case SCHEMA_REGISTRY -> serializationSince;
            // held records have been waiting since the last progress, even if the probe noticed first
            case KAFKA -> earliest(held > 0 ? signals.lastProgressNanos() : 0, probeDownSinceNanos);
            case NONE -> 0;
        };
        Outage previous = outage;
        if (current != previous && previous != Outage.NONE) {
            LOG.info("{} reachable again after {}s; holding {} records, confirming resumes as Kafka acknowledges them",
                    previous == Outage.KAFKA ? "Kafka" : "Schema registry", seconds(now - outageSinceNanos), held);
        }
        outage = current;
        outageSinceNanos = since;
        if (current == Outage.NONE) {
            return;
        }
        if (current != previous || now - nextLogNanos >= 0) {
            nextLogNanos = now + repeatNanos;
            String paused = signals.writable() ? "" : "; hardware reads paused (back-pressure)";
            if (current == Outage.KAFKA) {
                LOG.warn("Kafka unreachable for {}s, holding {} records, not confirming{}",
                        seconds(now - since), held, paused);
            } else {
                LOG.warn("Schema registry unreachable for {}s ({}), holding {} records, not confirming{}",
                        seconds(now - since), signals.lastSerializationError(), held, paused);
            }
        }
    }

    Outage outage() {
        return outage;
    }

    boolean kafkaUnreachable() {
        return outage == Outage.KAFKA;
    }

    boolean registryUnreachable() {
        return outage == Outage.SCHEMA_REGISTRY;
    }

    /** Seconds the current Kafka outage has lasted, 0 when there is none. */
    double kafkaOutageSeconds(long now) {
        return outage == Outage.KAFKA ? (now - outageSinceNanos) / 1e9 : 0.0;
    }

    long lastTickNanos() {
        return lastTickNanos;
    }

    private static long earliest(long a, long b) {
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        return a - b < 0 ? a : b;
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
