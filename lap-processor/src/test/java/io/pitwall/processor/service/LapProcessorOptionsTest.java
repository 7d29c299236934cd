package io.pitwall.processor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.processor.errors.DeadLetterHandler;
import io.pitwall.processor.errors.DeadLetterListener;
import io.pitwall.processor.topology.LapProcessorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class LapProcessorOptionsTest {

    private static Configuration load(Map<String, String> env, String... args) {
        return ConfigLoader.of(LapProcessorOptions.FIELDS).environment(env).commandLine(args).load();
    }

    @Test
    void shouldRunExactlyOnceWithTheDocumentedDefaults() {
        Configuration config = load(Map.of());
        Properties streams = StreamsSettings.of(config, DeadLetterListener.NONE);

        assertThat(streams).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "pitwall-lap-processor")
                .containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "lap-processor")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .as("a backlog is committed every 500 ms; live results are (requested by the topology) every 20 ms")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L)
                .as("records leave as they are produced, not all at the commit (Kafka Streams' own default is 100)")
                .containsEntry("producer.linger.ms", 2L)
                .as("a refused write is retried after 10 ms, not Kafka's 100").containsEntry("producer.retry.backoff.ms", 10L)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterHandler.class.getName())
                .containsEntry(DeadLetterHandler.TOPIC_CONFIG, "pitwall.dead-letter")
                .containsEntry(DeadLetterHandler.LISTENER_CONFIG, DeadLetterListener.NONE);
        assertThat(config.get(LapProcessorOptions.HTTP_PORT)).isEqualTo(9410);
        LapProcessorConfig topology = LapProcessorOptions.topology(config);
        assertThat(topology).isEqualTo(LapProcessorConfig.defaults().withLiveCommitInterval(Duration.ofMillis(20)));
        // StreamsConfig accepts the whole set (types, ranges)
        assertThat(new StreamsConfig(streams).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldTakeOptionsFromTheEnvironmentAndTheCommandLine() {
        Configuration config = load(Map.of("TIMING71_MAX_STATES_PER_SECOND", "4", "NUM_STANDBY_REPLICAS", "1",
                        "KAFKA_BOOTSTRAP_SERVERS", "broker-0:9092,broker-1:9092"),
                "--reorder.max-delay=500ms", "--commit.interval=250ms", "--commit.interval.catch-up=2s",
                "--car.stopped-after=90s",
                "--state.dir=/var/lib/pitwall/lap-processor", "--kafka.group.instance.id=lap-processor-0",
                "--producer.linger=50ms");

        LapProcessorConfig topology = LapProcessorOptions.topology(config);
        assertThat(topology.maxStatesPerSecond()).isEqualTo(4);
        assertThat(topology.reorderMaxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(topology.carStoppedAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(topology.liveCommitInterval()).isEqualTo(Duration.ofMillis(250));
        Properties streams = StreamsSettings.of(config, DeadLetterListener.NONE);
        assertThat(streams).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2000L)
                .as("an idle thread never blocks longer than 100 ms").containsEntry(StreamsConfig.POLL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-0:9092,broker-1:9092")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/pitwall/lap-processor")
                .containsEntry("producer.linger.ms", 50L)
                .containsEntry("group.instance.id", "lap-processor-0");
        assertThat(StreamsSettings.staticMember(config)).isTrue();
    }

    @Test
    void shouldNeverCommitABacklogMoreOftenThanLiveResults() {
        Configuration config = load(Map.of(), "--commit.interval=1s", "--commit.interval.catch-up=100ms");

        assertThat(StreamsSettings.of(config, DeadLetterListener.NONE))
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000L);
        assertThat(LapProcessorOptions.topology(config).liveCommitInterval())
                .as("Kafka Streams' own interval is the live one: no commit is requested on top of it")
                .isZero();
    }

    @Test
    void shouldRefuseKafkaPropertiesThatAnOptionOwnsOrThatWeakenExactlyOnce() {
        assertThatThrownBy(() -> load(Map.of(), "--kafka.processing.guarantee=at_least_once",
                "--kafka.commit.interval.ms=1000", "--kafka.application.id=other", "--kafka.producer.linger.ms=100"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.producer.linger.ms").hasMessageContaining("producer.linger instead")
                .hasMessageContaining("kafka.processing.guarantee").hasMessageContaining("exactly_once_v2 only")
                .hasMessageContaining("kafka.commit.interval.ms").hasMessageContaining("commit.interval.catch-up instead")
                .hasMessageContaining("kafka.application.id");
    }

    @Test
    void shouldReportEveryInvalidValueAtOnce() {
        assertThatThrownBy(() -> load(Map.of("TIMING71_MAX_STATES_PER_SECOND", "0"), "--commit.interval=20",
                "--reorder.max-delay=1h", "--http.port=70000", "--producer.linger=2s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("producer.linger").hasMessageContaining("from 0ms to 1s")
                .hasMessageContaining("timing71.max-states-per-second").hasMessageContaining("commit.interval")
                .hasMessageContaining("reorder.max-delay").hasMessageContaining("http.port");
    }

    @Test
    void shouldTakeOnlyRealKafkaPropertiesFromTheEnvironment() {
        Configuration config = load(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_PORT", "tcp://10.0.0.7:9092",
                "KAFKA_SESSION_TIMEOUT_MS", "10000"));

        assertThat(config.passthrough("kafka.")).containsOnly(Map.entry("security.protocol", "SSL"),
                Map.entry("session.timeout.ms", "10000"));
    }

    @Test
    void shouldNeverShowSecrets() {
        Configuration config = load(Map.of(), "--kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"u\" password=\"hunter2\";", "--schema.registry.basic.auth.user.info=u:hunter2");

        assertThat(String.join("\n", config.describe())).doesNotContain("hunter2").contains("<secret>");
    }
}
