package io.pitwall.ingest.lapsnapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.IngestService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LapSnapperConfigTest {

    static Configuration load(Map<String, String> env, String... args) {
        return IngestService.of(new LapSnapperIngest()).environment(env).configure(args);
    }

    static LapSnapperConfig config(Map<String, String> env, String... args) {
        return LapSnapperConfig.from(load(env, args));
    }

    @Test
    void serversGetTheDefaultPortAndTheSharedCredentials() {
        LapSnapperConfig config = config(Map.of("LAPSNAPPER_PASSWORD", "1,2,3,4", "LAPSNAPPER_PIN", "1234"),
                "--lapsnapper.servers=spa@10.1.0.7, brands-hatch@lapsnapper.local:9100,ipv6@[::1]:9001");

        assertThat(config.servers()).containsExactly(
                new DecoderServer("spa", "10.1.0.7", 9001, List.of(1, 2, 3, 4), 1_000_001, Optional.of("1234")),
                new DecoderServer("brands-hatch", "lapsnapper.local", 9100, List.of(1, 2, 3, 4), 1_000_001,
                        Optional.of("1234")),
                new DecoderServer("ipv6", "::1", 9001, List.of(1, 2, 3, 4), 1_000_001, Optional.of("1234")));
        assertThat(config.servers().get(2).address()).isEqualTo("[::1]:9001");
        assertThat(config.venueIds()).containsExactly("spa", "brands-hatch", "ipv6");
        assertThat(config.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.commandsGroupId()).isEqualTo("ingest-lapsnapper-commands");
    }

    @Test
    void aVenueOverridesPasswordPinAndProductIdFromTheEnvironmentEvenWithDashesInItsId() {
        LapSnapperConfig config = config(Map.of(
                        "LAPSNAPPER_SERVERS", "spa@10.1.0.7,brands-hatch@10.2.0.9",
                        "LAPSNAPPER_PASSWORD", "[1, 2, 3, 4]",
                        "LAPSNAPPER_SERVER_BRANDS_HATCH_PASSWORD", "9,8,7",
                        "LAPSNAPPER_SERVER_BRANDS_HATCH_PIN", "4321",
                        "LAPSNAPPER_SERVER_SPA_PRODUCT_ID", "1000042",
                        "LAPSNAPPER_SERVER_UNRELATED", "ignored: not an override attribute"));

        DecoderServer spa = config.servers().get(0);
        DecoderServer brands = config.servers().get(1);
        assertThat(spa.password()).containsExactly(1, 2, 3, 4);
        assertThat(spa.productId()).isEqualTo(1_000_042);
        assertThat(spa.pinCode()).isEmpty();
        assertThat(brands.password()).containsExactly(9, 8, 7);
        assertThat(brands.pinCode()).contains("4321");
        assertThat(brands.productId()).isEqualTo(1_000_001);
    }

    @Test
    void secretsAreNeverShownInTheEffectiveConfigurationNorInTheServerDescription() {
        Configuration loaded = load(Map.of("LAPSNAPPER_PIN", "2468", "LAPSNAPPER_SERVER_SPA_PASSWORD", "5,5,5,5"),
                "--lapsnapper.servers=spa@10.1.0.7", "--lapsnapper.password=7,7,7,7");
        String described = String.join("\n", loaded.describe());

        assertThat(described).contains("lapsnapper.pin = <secret>", "lapsnapper.password = <secret>",
                        "lapsnapper.server.spa.password = <secret>")
                .doesNotContain("2468", "5,5,5,5", "7,7,7,7");
        assertThat(LapSnapperConfig.from(loaded).servers().get(0).toString()).doesNotContain("2468", "5, 5");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> config(Map.of(),
                "--lapsnapper.servers=spa@10.1.0.7,spa2@10.1.0.7:9001,brands@",
                "--lapsnapper.product.id=60",
                "--lapsnapper.server.monza.pin=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lapsnapper.servers")
                .hasMessageContaining("venue@host[:port]")
                .hasMessageContaining("lapsnapper.product.id = '60'")
                .hasMessageContaining("above 1000000");

        assertThatThrownBy(() -> config(Map.of(), "--lapsnapper.servers=spa@10.1.0.7,spa2@10.1.0.7:9001",
                "--lapsnapper.server.monza.pin=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lapsnapper.password: is required for venue spa")
                .hasMessageContaining("server 10.1.0.7:9001 is listed twice")
                .hasMessageContaining("lapsnapper.server.monza.pin: no server of this venue");
    }

    @Test
    void malformedOverridesAndPasswordsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> config(Map.of(), "--lapsnapper.servers=spa@10.1.0.7",
                "--lapsnapper.password=1,two,3", "--lapsnapper.server.spa.colour=red"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lapsnapper.password = '<secret>'")
                .hasMessageContaining("comma-separated integers")
                .hasMessageContaining("lapsnapper.server.spa.colour")
                .hasMessageNotContaining("1,two,3");
    }

    @Test
    void theServerListIsRequired() {
        assertThatThrownBy(() -> config(Map.of("LAPSNAPPER_PASSWORD", "1,2,3,4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lapsnapper.servers: is required but not set");
    }

    @Test
    void helpListsTheOverridesFamily() {
        String help = IngestService.of(new LapSnapperIngest()).help();
        assertThat(help).contains("lapsnapper.servers", "LAPSNAPPER_SERVERS", "(required)",
                "lapsnapper.server.<property>", "LAPSNAPPER_SERVER_<PROPERTY>", "reconnect.backoff.initial");
    }
}
