package io.pitwall.ingest.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.core.config.Configuration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestServiceTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsTheIngestsOwnAndEveryCommonOption() {
        int status = IngestService.of(new SampleIngest()).environment(Map.of())
                .run(new String[] {"--help"}, print(out), print(err));

        assertThat(status).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: ingest-test");
        for (String option : new String[] {
            "test.listen.port", "test.decoder.password", "reconnect.backoff.initial", "reconnect.backoff.max",
            "reconnect.backoff.jitter", "service.id", "kafka.bootstrap.servers", "schema.registry.url",
            "schema.registry.basic.auth.user.info", "schema.registry.auto.register", "http.port", "http.bind.address",
            "publish.max.buffered.records", "publish.stall.threshold", "publish.compression", "publish.linger",
            "topics.create", "topics.replication.factor", "health.kafka.check.interval", "log.level", "kafka.<property>"}) {
            assertThat(help).as(option).containsPattern("(?m)^" + java.util.regex.Pattern.quote(option) + " ");
        }
        assertThat(help).containsPattern("(?m)^http\\.port +HTTP_PORT +int +9464 ");
        assertThat(help).containsPattern("(?m)^service\\.id +SERVICE_ID +string +ingest-test ");
        assertThat(help).containsPattern("(?m)^publish\\.max\\.buffered\\.records +PUBLISH_MAX_BUFFERED_RECORDS +int +10000 ");
    }

    @Test
    void invalidConfigurationExitsWithStatus2AndListsEveryProblemWithoutSecrets() {
        int status = IngestService.of(new SampleIngest())
                .environment(Map.of("HTTP_PORT", "http", "TEST_DECODER_PASSWORD", "hunter2",
                        "KAFKA_SASL_JAAS_CONFIG", "x password=\"hunter3\";"))
                .run(new String[] {"--kafka.acks=0", "--publish.max.buffered.records=5", "--topics.replication.factor=0"},
                        print(out), print(err));

        assertThat(status).isEqualTo(IngestService.EXIT_CONFIG);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).startsWith("ingest-test: Invalid configuration (4 problems):")
                .contains("http.port = 'http' (environment variable HTTP_PORT): not a valid int")
                .contains("kafka.acks = '0' (command line): not allowed; allowed: all (fixed by the confirm-after-durable contract")
                .contains("publish.max.buffered.records = '5' (command line): not allowed; allowed: an integer from 10 to 1000000")
                .contains("topics.replication.factor = '0'")
                .doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void kafkaAndSerdeSettingsFollowTheConfiguration() {
        Configuration config = IngestService.of(new SampleIngest())
                .environment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092", "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "SCHEMA_REGISTRY_URL", "https://registry:8081", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p",
                        "SCHEMA_REGISTRY_AUTO_REGISTER", "false"))
                .configure();

        assertThat(IngestService.kafkaClientProperties(config))
                .containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .hasSize(2);
        assertThat(CommonFields.serdeConfig(config))
                .containsEntry("schema.registry.url", "https://registry:8081")
                .containsEntry("auto.register.schemas", false)
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "u:p");
        assertThat(config.toString()).contains("schema.registry.basic.auth.user.info = <secret>").doesNotContain("u:p");
    }

    @Test
    void aRegistryClientGetsTheUrlAndCredentialsButNoRegistrationPolicy() {
        Configuration config = IngestService.of(new SampleIngest())
                .environment(Map.of("SCHEMA_REGISTRY_URL", "https://registry:8081",
                        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p"))
                .configure();

        assertThat(CommonFields.registryClientConfig(config)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "schema.registry.url", "https://registry:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "u:p"));
        assertThat(CommonFields.serdeConfig(config)).containsEntry("auto.register.schemas", true)
                .containsAllEntriesOf(CommonFields.registryClientConfig(config));
    }

    @Test
    void withoutCredentialsNoBasicAuthIsConfigured() {
        Configuration config = IngestService.of(new SampleIngest()).environment(Map.of()).configure();
        assertThat(CommonFields.serdeConfig(config)).doesNotContainKeys("basic.auth.user.info", "basic.auth.credentials.source");
    }

    @Test
    void reconnectBackoffComesFromTheIngestsOptions() {
        Configuration config = IngestService.of(new SampleIngest())
                .environment(Map.of("RECONNECT_BACKOFF_INITIAL", "2s", "RECONNECT_BACKOFF_MAX", "2s"))
                .configure();
        ServiceContext context = new ServiceContext(config, null, null, null, null);
        assertThat(context.newReconnectBackoff().nextDelay()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(context.serviceId()).isEqualTo("ingest-test");
    }

    @Test
    void theVenueOfAnEventIsItsVenueIdField() {
        assertThat(IngestService.venueIdOf(io.pitwall.ingest.core.testing.SamplePassings.passing("spa", 1))).isEqualTo("spa");
        assertThat(IngestService.venueIdOf(new io.pitwall.events.Passing())).isNull();
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
