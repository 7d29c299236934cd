package io.pitwall.ingest.chronocloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.LineKind;
import io.pitwall.ingest.chronocloud.codec.PduTime;
import io.pitwall.ingest.chronocloud.mapping.LineAssignment;
import io.pitwall.ingest.chronocloud.server.ServerSettings;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.IngestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options as an operator writes them: defaults, lists, validation with useful messages, README table. */
class ChronoCloudConfigTest {

    static IngestService service(Map<String, String> env) {
        return IngestService.of(new ChronoCloudIngest()).environment(env);
    }

    static Configuration load(String... args) {
        return service(Map.of()).configure(args);
    }

    @Test
    void defaultsServeTheDocumentsPortOnEveryPath() {
        ChronoCloudConfig config = ChronoCloudConfig.of(load("--chronocloud.default.venue=club"));
        ServerSettings server = config.serverSettings();
        assertThat(server.port()).isEqualTo(8275);
        assertThat(server.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(server.path()).isEqualTo("/");
        assertThat(server.maxFrameBytes()).isEqualTo(16_384);
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(95));
        assertThat(server.tls()).isEmpty();
        assertThat(config.signatureFailureAction()).isEqualTo(SignatureFailureAction.REJECT);
        assertThat(config.stationDirectory().venueOf("any-station")).contains("club");
        assertThat(config.venueClocks().forVenue("club").zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void stationsVenuesZonesDatesAndLinesFromTheEnvironment() {
        Configuration loaded = service(Map.of(
                "CHRONOCLOUD_STATIONS", "ChronoFly-1=spa, ChronoFly-2=spa,ChronoFly-9=keimola",
                "CHRONOCLOUD_VENUE_TIME_ZONES", "spa=Europe/Brussels",
                "CHRONOCLOUD_TIME_ZONE", "Europe/Helsinki",
                "CHRONOCLOUD_VENUE_DATES", "spa=2024-07-28",
                "CHRONOCLOUD_LINE_MAP", "ChronoFly-2/Track-Sector=SECTOR:1,spa/Track-Finish=FINISH")).configure();
        ChronoCloudConfig config = ChronoCloudConfig.of(loaded);

        assertThat(config.stationDirectory().venueOf("ChronoFly-2")).contains("spa");
        assertThat(config.stationDirectory().venueOf("ChronoFly-3")).as("no default venue").isEmpty();
        assertThat(config.venueClocks().forVenue("spa").zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(config.venueClocks().forVenue("keimola").zone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
        assertThat(config.venueClocks().forVenue("spa").eventDate()).contains(LocalDate.of(2024, 7, 28));
        assertThat(config.venueClocks().forVenue("spa").toInstant(PduTime.parse("14:00:00").orElseThrow(), Instant.EPOCH))
                .isEqualTo(Instant.parse("2024-07-28T12:00:00Z"));
        assertThat(config.lineMap().resolve("ChronoFly-2", "spa", "Track-Sector")).isEqualTo(new LineAssignment(LineKind.SECTOR, 1));
    }

    @Test
    void everyProblemIsReportedWithTheOptionAndWhatIsAllowed() {
        assertThatThrownBy(() -> load("--chronocloud.port=70000", "--chronocloud.path=chronocloud",
                "--chronocloud.stations=ChronoFly-1", "--chronocloud.venue.time.zones=spa=Mars/Olympus",
                "--chronocloud.venue.dates=spa=28.7.2024", "--chronocloud.line.map=Track-Finish=LAP",
                "--chronocloud.idle.timeout=95", "--chronocloud.signature.failure=ignore"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chronocloud.port = '70000'")
                .hasMessageContaining("chronocloud.path = 'chronocloud'")
                .hasMessageContaining("chronocloud.stations = 'ChronoFly-1'")
                .hasMessageContaining("time zone ids such as Europe/Helsinki or UTC (in spa=Mars/Olympus)")
                .hasMessageContaining("dates written yyyy-mm-dd (in spa=28.7.2024)")
                .hasMessageContaining("'LAP' is not a line kind")
                .hasMessageContaining("chronocloud.idle.timeout = '95'")
                .hasMessageContaining("chronocloud.signature.failure = 'ignore'");
    }

    @Test
    void optionsThatOnlyMakeSenseTogetherAreChecked() {
        assertThatThrownBy(() -> ChronoCloudConfig.of(load()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chronocloud.stations: no station could be accepted");
        assertThatThrownBy(() -> ChronoCloudConfig.of(load("--chronocloud.default.venue=v", "--chronocloud.tls.certificate=/x.crt")))
                .hasMessageContaining("chronocloud.tls.private-key: is required when chronocloud.tls.certificate is set");
        assertThatThrownBy(() -> load("--chronocloud.stations=a=v,a=w")).hasMessageContaining("'a' appears twice");
    }

    @Test
    void theKeyPasswordIsNeverShown() {
        Configuration config = load("--chronocloud.default.venue=v", "--chronocloud.tls.private-key.password=hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("chronocloud.tls.private-key.password = <secret>");
    }

    @Test
    void helpListsEveryOption() {
        String help = service(Map.of()).help();
        for (var field : ChronoCloudConfig.FIELDS) {
            assertThat(help).contains(field.name()).contains(field.envName(""));
        }
        assertThat(help).startsWith("Usage: ingest-chronocloud").contains("kafka.bootstrap.servers");
    }

    @Test
    void theReadmeTableIsTheDeclaredOptions() throws Exception {
        Path readme = Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(ConfigTable.BEGIN);
        int end = text.indexOf(ConfigTable.END);
        assertThat(begin).as("README.md has the config markers").isNotNegative();
        String documented = text.substring(begin + ConfigTable.BEGIN.length(), end).strip();
        String expected = ConfigTable.render(ChronoCloudConfig.FIELDS).strip();
        assertThat(documented).as("README.md option table; replace it with:%n%s%n", expected).isEqualTo(expected);
    }
}
