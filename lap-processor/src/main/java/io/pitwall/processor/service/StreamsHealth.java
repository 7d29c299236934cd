package io.pitwall.processor.service;

import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.health.HealthRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The lap processor's health, from the Kafka Streams client state:
 * <ul>
 *   <li>ready while {@code RUNNING}: every task assigned and restored, records flowing. Not ready while
 *       topics are provisioned, while state is restored after a start or rebalance, while shutting down;</li>
 *   <li>live unless Kafka Streams is in {@code ERROR} (or on its way there): a stream thread died of
 *       something a restart may cure. A Kafka outage does not fail liveness; Kafka Streams waits for it.</li>
 * </ul>
 */
final class StreamsHealth {

    private volatile KafkaStreams streams;
    private volatile String startingDetail = "starting";

    void register(HealthRegistry health) {
        health.addLiveness("streams", this::liveness);
        health.addReadiness("streams", this::readiness);
    }

    /** What the service is doing before Kafka Streams exists (e.g. waiting for Kafka to provision topics). */
    void starting(String detail) {
        this.startingDetail = detail;
    }

    void streams(KafkaStreams kafkaStreams) {
        this.streams = kafkaStreams;
    }

    CheckResult readiness() {
        KafkaStreams current = streams;
        if (current == null) {
            return CheckResult.down(startingDetail);
        }
        KafkaStreams.State state = current.state();
        return state == KafkaStreams.State.RUNNING ? CheckResult.up(describe(current, state))
                : CheckResult.down(describe(current, state));
    }

    CheckResult liveness() {
        KafkaStreams current = streams;
        if (current == null) {
            return CheckResult.up(startingDetail);
        }
        KafkaStreams.State state = current.state();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        return failed ? CheckResult.down("Kafka Streams " + state + ": a stream thread failed, see the log")
                : CheckResult.up("Kafka Streams " + state);
    }

    private static String describe(KafkaStreams streams, KafkaStreams.State state) {
        if (!state.isRunningOrRebalancing()) {
            return "Kafka Streams " + state;
        }
        int active = 0;
        int standby = 0;
        for (var thread : streams.metadataForLocalThreads()) {
            active += thread.activeTasks().size();
            standby += thread.standbyTasks().size();
        }
        return "Kafka Streams " + state + ", " + active + " active and " + standby + " standby tasks";
    }
}
