package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.Entry;
import io.pitwall.events.LineKind;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UpConfigTest {

    private static UpConfig parse(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return UpConfig.parse(properties, "test.properties");
    }

    private static SessionConfig session(UpConfig config, String venue) {
        return config.sessions().stream().filter(s -> s.getVenueId().equals(venue)).findFirst().orElseThrow();
    }

    @Test
    void shouldAcceptTheShippedExampleWithEveryServiceCheckingItsOwnOptions() throws Exception {
        UpConfig config = parse(UpConfig.example());

        assertThat(config.ingests()).containsExactlyInAnyOrder("ingest-lapsnapper", "ingest-ctp01",
                "ingest-chronocloud", "ingest-smartrace");
        assertThat(config.options("ingest-ctp01")).containsEntry("ctp01.venues", "town-run");
        assertThat(config.sessions()).extracting(SessionConfig::getVenueId)
                .containsExactlyInAnyOrder("club-circuit", "town-run", "airfield", "slot-club");
        UpStack.validate(config, new PublisherOptions());
    }

    @Test
    void shouldBuildTheSessionAndEntryListAsRaceControlWritesThem() throws Exception {
        SessionConfig club = session(parse(UpConfig.example()), "club-circuit");

        assertThat(club.getSessionId()).isEqualTo("club-2026-r1");
        assertThat(club.getType()).isEqualTo(SessionType.RACE);
        assertThat(club.getSectorCount()).isEqualTo(3);
        assertThat(club.getStopRule().getKind()).isEqualTo(StopKind.TIME);
        assertThat(club.getStopRule().getValue()).isEqualTo(20 * 60);
        assertThat(club.getTrackSettings().getMinimumLapTimeEnabled()).isTrue();
        assertThat(club.getTrackSettings().getMinimumLapTimeMillis()).isEqualTo(50_000);
        assertThat(club.getTrackSettings().getMinimumSector2TimeMillis()).isEqualTo(12_000);
        assertThat(club.getTrackSettings().getMaximumLapTimeMillis()).isEqualTo(180_000);
        assertThat(club.getLineMap()).hasSize(2);
        assertThat(club.getLineMap().get(0).getSource()).isEqualTo(Source.LAPSNAPPER);
        assertThat(club.getLineMap().get(0).getMatch()).isEqualTo("1");
        assertThat(club.getLineMap().get(1).getLine()).isEqualTo(LineKind.SECTOR);
        assertThat(club.getEntries()).extracting(Entry::getCarNumber).containsExactly("7", "12", "33");
        Entry twelve = club.getEntries().get(1);
        assertThat(twelve.getTransponders()).containsExactly("10017", "10018");
        assertThat(twelve.getDrivers()).containsExactly("Ana Silva", "Joe Brown");
        assertThat(twelve.getClassName()).isEqualTo("GT4");
        SessionConfig town = session(parse(UpConfig.example()), "town-run");
        assertThat(town.getLineMap().get(1).getSource()).isEqualTo(Source.CTP01);
        assertThat(town.getLineMap().get(1).getMatch()).isEqualTo("split1");
        assertThat(town.getLineMap().get(1).getLineIndex()).isEqualTo(1);
        SessionConfig airfield = session(parse(UpConfig.example()), "airfield");
        assertThat(airfield.getLineMap().get(0).getSource()).isEqualTo(Source.CHRONOCLOUD);
        assertThat(airfield.getLineMap().get(0).getMatch()).isEqualTo("Track-Sector");
    }

    @Test
    void shouldRouteServiceOptionsAndRunOnlyIngestsWithHardware() throws Exception {
        UpConfig config = parse("""
                smartrace.venue=club
                ingest-smartrace.http.port=9404
                ingest-ctp01.http.port=9402
                lap-processor.reorder.max-delay=3s
                state-publisher.default.service=Club
                """);

        assertThat(config.ingests()).containsExactly("ingest-smartrace");
        assertThat(config.options("ingest-smartrace")).containsEntry("smartrace.venue", "club")
                .containsEntry("http.port", "9404");
        assertThat(config.options(UpConfig.LAP_PROCESSOR)).containsEntry("reorder.max-delay", "3s");
        assertThat(config.options(UpConfig.STATE_PUBLISHER)).containsEntry("default.service", "Club");
        assertThat(config.sessions()).isEmpty();
    }

    @Test
    void shouldNameEveryProblemAtOnce() {
        assertThatThrownBy(() -> parse("""
                lapsnaper.servers=x@1.2.3.4
                session.club.type=sprint
                session.club.stop=time:soon
                session.club.colour=red
                session.club.car.7.drivers=Nobody
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lapsnaper.servers: unknown setting")
                .hasMessageContaining("session.club.name: required")
                .hasMessageContaining("session.club.type: 'sprint'")
                .hasMessageContaining("session.club.stop")
                .hasMessageContaining("session.club.colour: unknown session setting")
                .hasMessageContaining("session.club.car.7.transponders: required");
    }

    @Test
    void shouldLetEachServiceRejectItsOwnInvalidOptionsBeforeAnythingStarts() throws Exception {
        UpConfig config = parse("ctp01.venues=club\nctp01.venue.club.authentication=hmac-sha1\n");

        assertThatThrownBy(() -> UpStack.validate(config, new PublisherOptions()))
                .hasMessageContaining("password");
        assertThat(List.of(parse("lapsnapper.servers=club@10.0.0.1").ingests())).isNotEmpty();
    }
}
