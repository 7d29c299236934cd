package io.pitwall.publisher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherConfigTest {

    @Test
    void defaultsAreTheDocumentedPortsAndTopics() {
        PublisherConfig c = PublisherConfig.load(new String[0], Map.of());
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(8080);
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(24771);
        assertThat(c.get(PublisherConfig.RMONITOR_PORT)).isEqualTo(50000);
        assertThat(c.get(PublisherConfig.STATES_TOPIC)).isEqualTo("timing71.states");
        assertThat(c.get(PublisherConfig.MANIFESTS_TOPIC)).isEqualTo("timing71.manifests");
        assertThat(c.get(PublisherConfig.KEEPALIVE_INTERVAL)).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.get(PublisherConfig.WRITE_BUFFER_HIGH)).isEqualTo(128 * 1024);
        assertThat(c.get(PublisherConfig.SEND_BUFFER)).isEqualTo(256 * 1024);
        assertThat(c.get(PublisherConfig.WS_COMPRESSION)).isTrue();
    }

    @Test
    void commandLineBeatsEnvironmentBeatsDefault() {
        Map<String, String> env = Map.of("PUBLISHER_HTTP_PORT", "9000", "PUBLISHER_T71_PORT", "9001",
                "KAFKA_BOOTSTRAP", "broker:9092");
        PublisherConfig c = PublisherConfig.load(new String[] {"--http.port=9100", "--slow.client.timeout", "2m"}, env);
        assertThat(c.get(PublisherConfig.HTTP_PORT)).isEqualTo(9100);
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(9001);
        assertThat(c.get(PublisherConfig.KAFKA_BOOTSTRAP)).isEqualTo("broker:9092");
        assertThat(c.get(PublisherConfig.SLOW_CLIENT_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badValuesNameTheOptionAndWhereTheyCameFrom() {
        assertThatThrownBy(() -> PublisherConfig.load(new String[0], Map.of("PUBLISHER_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("$PUBLISHER_HTTP_PORT");
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--http.port=70000"}, Map.of()))
                .hasMessageContaining("--http.port").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--http.port=-1"}, Map.of()))
                .hasMessageContaining("--http.port");
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--idle.timeout=0s"}, Map.of()))
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--kafka.config=/nonexistent/file"}, Map.of()))
                .hasMessageContaining("readable");
    }

    @Test
    void portsThatMayBeOffAcceptMinusOne() {
        PublisherConfig c = PublisherConfig.load(new String[] {"--t71.port=-1", "--rmonitor.port=-1"}, Map.of());
        assertThat(c.get(PublisherConfig.T71_PORT)).isEqualTo(-1);
        assertThat(c.get(PublisherConfig.RMONITOR_PORT)).isEqualTo(-1);
    }

    @Test
    void unknownOptionsAreAnErrorNotIgnored() {
        assertThatThrownBy(() -> PublisherConfig.load(new String[] {"--htp.port=1"}, Map.of()))
                .hasMessageContaining("unknown option").hasMessageContaining("--htp.port");
    }

    @Test
    void kafkaConfigFileIsLoaded(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\n");
        PublisherConfig c = PublisherConfig.load(new String[] {"--kafka.config=" + file}, Map.of());
        assertThat(c.kafkaOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        String help = PublisherConfig.helpText();
        for (ConfigOption<?> o : PublisherConfig.ALL) {
            assertThat(help).contains("--" + o.name()).contains("$" + o.env());
        }
    }

    @Test
    void readmeConfigurationTableMatchesTheCode() throws IOException {
        Path readme = Path.of(System.getProperty("pitwall.module.dir", "."), "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(text)
                .as("state-publisher/README.md must contain PublisherConfig.markdownTable() verbatim; regenerate it")
                .contains(PublisherConfig.markdownTable());
    }
}
