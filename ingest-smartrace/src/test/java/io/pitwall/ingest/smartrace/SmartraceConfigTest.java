package io.pitwall.ingest.smartrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.smartrace.bridge.BridgeSettings;
import io.pitwall.ingest.smartrace.server.ServerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartraceConfigTest {

    final IngestService service = IngestService.of(new SmartraceIngest()).environment(Map.of());

    SmartraceConfig load(String... args) {
        return new SmartraceConfig(service.configure(args));
    }

    @Test
    void defaultsPlaySmartraceConnectOnItsPort() {
        ServerSettings server = load("--smartrace.venue=club-a").serverSettings();

        assertThat(server.port()).isEqualTo(50780);
        assertThat(server.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(server.defaultVenue()).isEqualTo("club-a");
        assertThat(server.token()).isEmpty();
        assertThat(server.session().apiVersion()).isEqualTo(7);
        assertThat(server.pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(load("--smartrace.venue=club-a").bridgeSettings()).isEmpty();
    }

    @Test
    void servesTheDefaultPathAndPortVenues() {
        SmartraceConfig config = load("--smartrace.venue=club-a", "--smartrace.venues=club-b, club-c",
                "--smartrace.venue.ports=club-d=50781,club-e=50782");

        assertThat(config.servedVenues()).containsExactly("club-a", "club-b", "club-c", "club-d", "club-e");
        assertThat(config.venuePorts()).containsExactly(Map.entry("club-d", 50781), Map.entry("club-e", 50782));
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void bridgesEachVenueToItsTabletOrTheDefaultOne() {
        BridgeSettings bridge = load("--smartrace.venues=club-a,club-b",
                "--smartrace.bridge.urls=ws://tablet:50780, club-b=ws://10.0.0.7:50780/?x=1",
                "--reconnect.backoff.initial=1s").bridgeSettings().orElseThrow();

        assertThat(bridge.upstreamFor("club-a")).hasValue(URI.create("ws://tablet:50780"));
        assertThat(bridge.upstreamFor("club-b")).hasValue(URI.create("ws://10.0.0.7:50780/?x=1"));
        assertThat(bridge.bufferLimit()).isEqualTo(64);
        assertThat(bridge.backoff().get().nextDelay()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        assertThatThrownBy(() -> load("--smartrace.venue=club/a", "--smartrace.venue.ports=club-d:50781",
                "--smartrace.bridge.urls=http://tablet", "--smartrace.port=70000", "--smartrace.ping.interval=5"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p.option()).isEqualTo("smartrace.venue"))
                        .anySatisfy(p -> assertThat(p.option()).isEqualTo("smartrace.venue.ports"))
                        .anySatisfy(p -> assertThat(p.option()).isEqualTo("smartrace.bridge.urls"))
                        .anySatisfy(p -> assertThat(p.option()).isEqualTo("smartrace.port"))
                        .anySatisfy(p -> assertThat(p.option()).isEqualTo("smartrace.ping.interval")));
    }

    @Test
    void checksWhatSingleOptionsCannot() {
        assertThat(load().problems()).singleElement().asString().contains("No venue is served");
        assertThat(load("--smartrace.venue.ports=club-d=50780").problems()).singleElement().asString()
                .contains("port 50780 of venue club-d is already used");
        assertThat(load("--smartrace.venue=a", "--smartrace.bridge.urls=b=ws://t:1").problems()).singleElement()
                .asString().contains("venue b is not served");
        assertThat(load("--smartrace.venue=a", "--smartrace.idle.timeout=10s", "--smartrace.ping.interval=10s").problems())
                .singleElement().asString().contains("must be longer than");
        assertThat(load("--smartrace.venue=a", "--smartrace.idle.timeout=0s").problems()).isEmpty();
    }

    @Test
    void theTokenIsASecret() {
        SmartraceConfig config = load("--smartrace.venue=a", "--smartrace.token=hunter2");

        assertThat(config.serverSettings().token()).isPresent();
        assertThat(config.configuration().describe()).anySatisfy(line -> assertThat(line).startsWith("smartrace.token = <secret>"));
        assertThat(String.join("\n", config.configuration().describe())).doesNotContain("hunter2");
        assertThat(service.help()).contains("smartrace.token").doesNotContain("hunter2");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        String help = service.help();
        for (var field : SmartraceConfig.FIELDS) {
            assertThat(help).contains(field.name()).contains(field.envName(""));
        }
    }

    @Test
    void theControlFeedConsumerTakesOnlyConsumerPropertiesAndTheRegistrySettings() {
        var props = SmartraceIngest.consumerProperties(service.configure("--smartrace.venue=a",
                "--kafka.security.protocol=SASL_SSL", "--kafka.linger.ms=20", "--schema.registry.url=http://reg:8081",
                "--schema.registry.basic.auth.user.info=u:p", "--service.id=sr-1"));

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("linger.ms")
                .containsEntry("schema.registry.url", "http://reg:8081")
                .containsEntry("basic.auth.user.info", "u:p")
                .containsEntry("client.id", "sr-1-control")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("specific.avro.reader", true)
                .doesNotContainKey("group.id");
    }
}
