package io.pitwall.ingest.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.publish.OutageWatchdog.Outage;
import io.pitwall.ingest.core.testing.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutageWatchdogTest {

    static final long SECOND = 1_000_000_000L;

    final FakeSignals signals = new FakeSignals();
    final OutageWatchdog watchdog = new OutageWatchdog(signals, Duration.ofSeconds(5), Duration.ofSeconds(10), 0);
    final LogCapture log = LogCapture.of(DurablePublisher.class);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void heldRecordsWithoutAcknowledgementForTheThresholdMeanKafkaIsUnreachable() {
        signals.held = 3;
        signals.lastProgress = 1 * SECOND;

        watchdog.tick(5 * SECOND);
        assertThat(watchdog.outage()).isEqualTo(Outage.NONE);
        assertThat(log.messages()).isEmpty();

        watchdog.tick(6 * SECOND);
        assertThat(watchdog.outage()).isEqualTo(Outage.KAFKA);
        assertThat(watchdog.kafkaUnreachable()).isTrue();
        assertThat(watchdog.kafkaOutageSeconds(11 * SECOND)).isEqualTo(10.0);
        assertThat(log.messages()).containsExactly("Kafka unreachable for 5s, holding 3 records, not confirming");
    }

    @Test
    void theLineRepeatsEveryIntervalWithCurrentNumbersAndMentionsPausedReads() {
        signals.held = 3;
        signals.lastProgress = 0;
        watchdog.tick(5 * SECOND);
        signals.held = 900;
        signals.writable = false;
        watchdog.tick(10 * SECOND);
        watchdog.tick(15 * SECOND);
        assertThat(log.messages()).containsExactly(
                "Kafka unreachable for 5s, holding 3 records, not confirming",
                "Kafka unreachable for 15s, holding 900 records, not confirming; hardware reads paused (back-pressure)");
    }

    @Test
    void recoveryIsLoggedOnceAndClearsTheState() {
        signals.held = 3;
        watchdog.tick(6 * SECOND);
        signals.held = 0;
        signals.lastProgress = 8 * SECOND;
        watchdog.tick(8 * SECOND);

        assertThat(watchdog.outage()).isEqualTo(Outage.NONE);
        assertThat(watchdog.kafkaOutageSeconds(9 * SECOND)).isZero();
        assertThat(log.messages()).last().asString().startsWith("Kafka reachable again after 8s");
        watchdog.tick(9 * SECOND);
        assertThat(log.messages()).hasSize(2);
    }

    @Test
    void aFailingProbeAloneCountsEvenWithNothingHeld() {
        signals.probeReachable = false;
        watchdog.tick(2 * SECOND);
        assertThat(watchdog.kafkaUnreachable()).isTrue();
        assertThat(log.messages()).containsExactly("Kafka unreachable for 0s, holding 0 records, not confirming");
        signals.probeReachable = true;
        watchdog.tick(3 * SECOND);
        assertThat(watchdog.kafkaUnreachable()).isFalse();
    }

    @Test
    void whenTheProbeNoticesFirstTheOutageCountsFromWhenTheHeldRecordsStartedWaiting() {
        signals.held = 4;
        signals.lastProgress = 1 * SECOND;
        signals.probeReachable = false;
        watchdog.tick(3 * SECOND);
        assertThat(log.messages()).containsExactly("Kafka unreachable for 2s, holding 4 records, not confirming");
    }

    @Test
    void serializationRetriesForTheThresholdAreASchemaRegistryOutage() {
        signals.held = 2;
        signals.serializationSince = 1 * SECOND;
        signals.lastSerializationError = "RegistryUnavailableException: connection refused";
        watchdog.tick(7 * SECOND);

        assertThat(watchdog.outage()).isEqualTo(Outage.SCHEMA_REGISTRY);
        assertThat(watchdog.registryUnreachable()).isTrue();
        assertThat(watchdog.kafkaUnreachable()).isFalse();
        assertThat(log.messages()).containsExactly("Schema registry unreachable for 6s "
                + "(RegistryUnavailableException: connection refused), holding 2 records, not confirming");

        signals.serializationSince = 0;
        signals.lastProgress = 8 * SECOND;
        watchdog.tick(8 * SECOND);
        assertThat(log.messages()).last().asString().startsWith("Schema registry reachable again after 7s");
    }

    static final class FakeSignals implements OutageWatchdog.Signals {
        volatile int held;
        volatile long lastProgress;
        volatile long serializationSince;
        volatile String lastSerializationError = "";
        volatile boolean probeReachable = true;
        volatile boolean writable = true;

        @Override
        public int heldRecords() {
            return held;
        }

        @Override
        public long lastProgressNanos() {
            return lastProgress;
        }

        @Override
        public long serializationStalledSinceNanos() {
            return serializationSince;
        }

        @Override
        public String lastSerializationError() {
            return lastSerializationError;
        }

        @Override
        public boolean probeSaysReachable() {
            return probeReachable;
        }

        @Override
        public boolean writable() {
            return writable;
        }
    }
}
