package io.pitwall.embedded;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerConfigTest {

    private static final Path LOG_DIR = Paths.get("/data/pitwall/kraft");

    @Test
    void combinedNodeWithStaticQuorumOnLoopbackOnly() {
        Properties config = KafkaBrokerConfig.build(9092, 9093, LOG_DIR, Map.of());

        assertThat(config).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", LOG_DIR.toAbsolutePath().toString());
        assertThat(config.getProperty("listeners")).doesNotContain("0.0.0.0").doesNotContain("localhost");
    }

    @Test
    void singleNodeDefaults() {
        Properties config = KafkaBrokerConfig.build(9092, 9093, LOG_DIR, Map.of());

        assertThat(config).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("add.partitions.to.txn.retry.backoff.ms", "2")
                .containsEntry("num.partitions", "1");
    }

    @Test
    void everyDefaultIsAKafkaBrokerSetting() {
        Set<String> known = KafkaConfig.configDef().names();
        assertThat(known).containsAll(KafkaBrokerConfig.defaults().keySet());
        assertThat(known).containsAll(KafkaBrokerConfig.build(9092, 9093, LOG_DIR, Map.of()).stringPropertyNames());
    }

    @Test
    void kafkaAcceptsTheConfiguration() {
        KafkaConfig config = new KafkaConfig(KafkaBrokerConfig.build(9092, 9093, LOG_DIR, Map.of("num.partitions", "3")), false);

        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.numPartitions()).isEqualTo(3);
    }

    @Test
    void callerPropertiesOverrideDefaults() {
        Properties config = KafkaBrokerConfig.build(9092, 9093, LOG_DIR,
                Map.of("num.partitions", "6", "auto.create.topics.enable", "false"));

        assertThat(config).containsEntry("num.partitions", "6").containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void identityAndAddressesCannotBeOverridden() {
        assertThatThrownBy(() -> KafkaBrokerConfig.build(9092, 9093, LOG_DIR, Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[listeners]")
                .hasMessageContaining("port(");
        assertThatThrownBy(() -> EmbeddedKafka.builder(LOG_DIR).brokerProperty("log.dirs", "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientAndControllerPortsMustDiffer() {
        assertThatThrownBy(() -> KafkaBrokerConfig.build(9092, 9092, LOG_DIR, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
