package io.pitwall.embedded;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real broker: round trip, restart on the same directory in both modes, and SIGKILL recovery. */
class EmbeddedKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaIT.class);

    @TempDir
    Path dataDir;

    @Test
    void producesAndConsumesThroughARealBroker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir).build().start()) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            kafka.createTopic("round-trip", 1);

            KafkaTestClients.produce(kafka.bootstrapServers(), "round-trip", 0, 10);

            List<ConsumerRecord<String, String>> records = KafkaTestClients.readAll(kafka.bootstrapServers(), "round-trip", 10);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactly("value-0", "value-1", "value-2", "value-3", "value-4",
                            "value-5", "value-6", "value-7", "value-8", "value-9");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedKafka.Mode.class)
    void restartOnTheSameDirectoryKeepsRecordsOffsetsClusterIdAndAddress(EmbeddedKafka.Mode mode) throws Exception {
        TopicPartition laps = new TopicPartition("laps", 0);
        String bootstrap;
        String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.builder(dataDir).mode(mode).build().start()) {
            bootstrap = first.bootstrapServers();
            clusterId = first.clusterId().orElseThrow();
            logStartup("first start", first);
            first.createTopic("laps", 1);
            KafkaTestClients.produce(bootstrap, "laps", 0, 100);
            KafkaTestClients.commit(bootstrap, "lap-reader", laps, 40);
        }

        // a new instance on the same directory, as after a process restart
        try (EmbeddedKafka second = EmbeddedKafka.builder(dataDir).mode(mode).reusePortFromLastRun(true).build().start()) {
            logStartup("restart", second);
            assertThat(second.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(second.clusterId()).contains(clusterId);

            try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(bootstrap, "lap-reader")) {
                consumer.subscribe(List.of("laps"));
                List<ConsumerRecord<String, String>> rest = KafkaTestClients.pollAtLeast(consumer, 60, Duration.ofSeconds(30));
                assertThat(rest).hasSize(60);
                assertThat(rest.get(0).offset()).as("resumes at the committed offset").isEqualTo(40);
                assertThat(rest.get(59).value()).isEqualTo("value-99");
            }
            assertThat(KafkaTestClients.readAll(bootstrap, "laps", 100)).hasSize(100);
        }
    }

    @Test
    void aSigkilledChildBrokerRecoversEverythingAcknowledgedOnRestart() throws Exception {
        TopicPartition passings = new TopicPartition("passings", 0);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir).mode(EmbeddedKafka.Mode.CHILD_PROCESS).build().start()) {
            logStartup("child start", kafka);
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopic("passings", 1);
            KafkaTestClients.produce(bootstrap, "passings", 0, 200);
            KafkaTestClients.commit(bootstrap, "processor", passings, 150);

            kafka.kill();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(Ports.isListening(kafka.port())).as("nothing listens after SIGKILL").isFalse();

            kafka.start();
            logStartup("restart after SIGKILL", kafka);
            assertThat(kafka.bootstrapServers()).as("same address after restart").isEqualTo(bootstrap);
            assertThat(KafkaTestClients.readAll(bootstrap, "passings", 200))
                    .extracting(ConsumerRecord::value)
                    .hasSize(200)
                    .contains("value-0", "value-199");
            try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(bootstrap, "processor")) {
                consumer.subscribe(List.of("passings"));
                List<ConsumerRecord<String, String>> rest = KafkaTestClients.pollAtLeast(consumer, 50, Duration.ofSeconds(30));
                assertThat(rest).hasSize(50);
                assertThat(rest.get(0).offset()).isEqualTo(150);
            }
            // and it takes new writes
            assertThat(KafkaTestClients.produce(bootstrap, "passings", 200, 210)).hasSize(10);
        }
        assertThat(Files.readString(dataDir.resolve(ChildProcessBroker.LOG_FILE))).contains("starting Kafka broker");
    }

    @Test
    void anInJvmBrokerCannotBeKilled() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir).build().start()) {
            assertThatThrownBy(kafka::kill).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("CHILD_PROCESS");
            assertThat(kafka.isRunning()).isTrue();
        }
    }

    @Test
    void aFixedPortThatIsTakenGivesAClearError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir).port(taken.getLocalPort()).build();
            assertThatThrownBy(kafka::start).isInstanceOf(EmbeddedStartupException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    private static void logStartup(String what, EmbeddedKafka kafka) {
        LOG.info("MEASURE kafka {} {}: {} ms{}", kafka.mode(), what,
                kafka.lastStartupTime().orElseThrow().toMillis(), EmbeddedKafka.rssText(kafka.residentSetSizeBytes()));
    }
}
