package io.pitwall.publisher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublisherConfigTest {

    /**
     * The contract with the deploy module's manifests, the launcher and operators: these names, variables and
     * defaults are public and must not change.
     */
    private static final List<String> PUBLISHED = List.of(
            "kafka.bootstrap KAFKA_BOOTSTRAP localhost:9092",
            "kafka.config PUBLISHER_KAFKA_CONFIG ",
            "states.topic PUBLISHER_STATES_TOPIC timing71.states",
            "manifests.topic PUBLISHER_MANIFESTS_TOPIC timing71.manifests",
            "analysis.topic PUBLISHER_ANALYSIS_TOPIC ",
            "bind.address PUBLISHER_BIND_ADDRESS 0.0.0.0",
            "http.port PUBLISHER_HTTP_PORT 8080",
            "t71.port PUBLISHER_T71_PORT 24771",
            "rmonitor.port PUBLISHER_RMONITOR_PORT 50000",
            "default.service PUBLISHER_DEFAULT_SERVICE ",
            "max.connections PUBLISHER_MAX_CONNECTIONS 20000",
            "io.threads PUBLISHER_IO_THREADS 0",
            "keepalive.interval PUBLISHER_KEEPALIVE_INTERVAL 15s",
            "idle.timeout PUBLISHER_IDLE_TIMEOUT 60s",
            "slow.client.timeout PUBLISHER_SLOW_CLIENT_TIMEOUT 30s",
            "write.buffer.high PUBLISHER_WRITE_BUFFER_HIGH 128k",
            "send.buffer PUBLISHER_SEND_BUFFER 256k",
            "websocket.compression PUBLISHER_WEBSOCKET_COMPRESSION true",
            "cors.origin PUBLISHER_CORS_ORIGIN *",
            "rmonitor.time.zone PUBLISHER_RMONITOR_TIME_ZONE ");

    @Test
    void optionNamesVariablesAndDefaultsAreThePublishedOnes() {
        assertThat(PublisherConfig.ALL).extracting(o -> (o.name() + " " + o.env() + " " + o.defaultValue()))
                .containsExactlyElementsOf(PUBLISHED);
    }

    @Test
    void defaultsAreTheDocumentedPortsAndTopics() {
        PublisherConfig c = PublisherConfig.load(new String[0], Map.of());
        assertThat(c.get(PublisherConfig.KAFKA_BOOTSTRAP)).isEqualTo("localhost:9092");
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(8080);
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(24771);
        assertThat(c.get(PublisherConfig.RMONITOR_PORT)).isEqualTo(50000);
        assertThat(c.get(PublisherConfig.STATES_TOPIC)).isEqualTo("timing71.states");
        assertThat(c.get(PublisherConfig.MANIFESTS_TOPIC)).isEqualTo("timing71.manifests");
        assertThat(c.get(PublisherConfig.ANALYSIS_TOPIC)).isEmpty();
        assertThat(c.get(PublisherConfig.KEEPALIVE_INTERVAL)).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.get(PublisherConfig.IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.get(PublisherConfig.WRITE_BUFFER_HIGH)).isEqualTo(128 * 1024);
        assertThat(c.get(PublisherConfig.SEND_BUFFER)).isEqualTo(256 * 1024);
        assertThat(c.get(PublisherConfig.WS_COMPRESSION)).isTrue();
        assertThat(c.get(PublisherConfig.CORS_ORIGIN)).isEqualTo("*");
        assertThat(c.rmonitorZone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsDefault() {
        Map<String, String> env = Map.of("PUBLISHER_HTTP_PORT", "9000", "PUBLISHER_T71_PORT", "9001",
                "KAFKA_BOOTSTRAP", "broker:9092", "PUBLISHER_RMONITOR_TIME_ZONE", "Europe/Lisbon");
        PublisherConfig c = PublisherConfig.load(new String[] {"--http.port=9100", "--slow.client.timeout", "2m"}, env);
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(9100);
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(9001);
        assertThat(c.get(PublisherConfig.KAFKA_BOOTSTRAP)).isEqualTo("broker:9092");
        assertThat(c.get(PublisherConfig.SLOW_CLIENT_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.rmonitorZone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
    }

    @Test
    void onlyThePublishedVariablesAreRead() {
        // what ingest-core would derive for kafka.bootstrap, and what the ingests use: neither is the publisher's
        PublisherConfig c = PublisherConfig.load(new String[0],
                Map.of("PUBLISHER_KAFKA_BOOTSTRAP", "wrong:1", "KAFKA_BOOTSTRAP_SERVERS", "wrong:2", "HTTP_PORT", "1"));
        assertThat(c.get(PublisherConfig.KAFKA_BOOTSTRAP)).isEqualTo("localhost:9092");
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(8080);
    }

    @ParameterizedTest
    @CsvSource({"64k, 65536", "1m, 1048576", "4096, 4096", "0, 0", "256 KiB, 262144"})
    void sizesTakeBinaryUnits(String raw, int bytes) {
        assertThat(PublisherConfig.of(Map.of("send.buffer", raw)).get(PublisherConfig.SEND_BUFFER)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"yes, true", "on, true", "1, true", "TRUE, true", "no, false", "off, false", "0, false", "false, false"})
    void booleansTakeTheSpellingsTheyAlwaysTook(String raw, boolean value) {
        assertThat(PublisherConfig.of(Map.of("websocket.compression", raw)).get(PublisherConfig.WS_COMPRESSION))
                .isEqualTo(value);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingOptionValueAndOrigin() {
        Map<String, String> env = Map.of("PUBLISHER_HTTP_PORT", "eighty", "KAFKA_BOOTSTRAP", "no-port");
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--idle.timeout=0s", "--rmonitor.port=70000",
                "--kafka.config=/nonexistent/file", "--htp.port=1", "--send.buffer=100", "--io.threads=-2",
                "--rmonitor.time.zone=Mars/Olympus"}, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::option).containsExactlyInAnyOrder(
                            "kafka.bootstrap", "kafka.config", "http.port", "rmonitor.port", "io.threads",
                            "idle.timeout", "send.buffer", "rmonitor.time.zone", "--htp.port");
                    assertThat(e.getMessage())
                            .contains("http.port = 'eighty' (environment variable PUBLISHER_HTTP_PORT)")
                            .contains("kafka.bootstrap = 'no-port' (environment variable KAFKA_BOOTSTRAP)")
                            .doesNotContain("PUBLISHER_KAFKA_BOOTSTRAP")
                            .contains("rmonitor.port = '70000' (command line): not allowed; allowed: a port from 0 to 65535, or -1 for off")
                            .contains("idle.timeout = '0s'").contains("a duration greater than zero")
                            .contains("a readable file")
                            .contains("did you mean http.port?");
                });
    }

    @Test
    void embeddingByOptionNameIgnoresTheEnvironmentAndRejectsUnknownNames() {
        PublisherConfig c = PublisherConfig.of(Map.of("kafka.bootstrap", "127.0.0.1:39092", "http.port", "0"));
        assertThat(c.get(PublisherConfig.KAFKA_BOOTSTRAP)).isEqualTo("127.0.0.1:39092");
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isZero();
        assertThatThrownBy(() -> PublisherConfig.of(Map.of("kafka.bootstrap.servers", "x:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.bootstrap.servers").hasMessageContaining("unknown option");
    }

    @Test
    void portsThatMayBeOffAcceptMinusOneTheHttpPortDoesNot() {
        PublisherConfig c = PublisherConfig.load(new String[] {"--t71.port", "-1", "--rmonitor.port=-1"}, Map.of());
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(-1);
        assertThat(c.get(PublisherConfig.RMONITOR_PORT)).isEqualTo(-1);
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--http.port=-1"}, Map.of()))
                .hasMessageContaining("http.port = '-1'");
    }

    @Test
    void kafkaConfigFileIsLoaded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\n");
        PublisherConfig c = PublisherConfig.load(new String[] {"--kafka.config=" + file}, Map.of());
        assertThat(c.kafkaOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void optionsCanComeFromAPropertiesFileBelowTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("publisher.properties");
        Files.writeString(file, "http.port=8181\nt71.port=8182\n");
        Map<String, String> env = new HashMap<>(Map.of("PITWALL_CONFIG_FILE", file.toString(), "PUBLISHER_T71_PORT", "8282"));
        PublisherConfig c = PublisherConfig.load(new String[0], env);
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(8181);
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(8282);
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
        String help = PublisherConfig.helpText();
        for (PublisherOption<?> o : PublisherConfig.ALL) {
            assertThat(help).containsPattern("(?m)^" + java.util.regex.Pattern.quote(o.name()) + " +"
                    + java.util.regex.Pattern.quote(o.env()) + " +");
            assertThat(help).contains(o.defaultValue());
        }
        assertThat(help).doesNotContain("PUBLISHER_KAFKA_BOOTSTRAP");
    }
}
