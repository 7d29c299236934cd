package io.pitwall.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.Entry;
import io.pitwall.events.LineKind;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSessionTest {

    private static final Instant START = Instant.parse("2026-05-17T13:00:00.123Z");

    /** A feed that only records: no network. */
    private static final class Recording implements HardwareFeed {
        private final boolean controllers;

        Recording(boolean controllers) {
            this.controllers = controllers;
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public String transponder(String generated, int carIndex) {
            return controllers ? Integer.toString(carIndex + 1) : generated;
        }

        @Override
        public void send(Read read) {
        }

        @Override
        public void close() {
        }
    }

    private static VenueSpec venue(Source source) {
        return VenueSpec.demoVenues().stream().filter(v -> v.source() == source).findFirst().orElseThrow();
    }

    @Test
    void shouldConfigureTheSessionAsRaceControlWouldWithTheVenuesLineMapAndScaledTrackLimits() {
        VenueSpec spec = venue(Source.CTP01);
        DemoSession session = DemoSession.start(spec, new Recording(false), START);
        SessionConfig config = session.config();

        assertThat(config.getVenueId()).isEqualTo("demo-ctp01");
        assertThat(config.getSessionId()).isEqualTo("demo-ctp01-20260517-130000");
        assertThat(config.getName()).isEqualTo(spec.name());
        assertThat(config.getUpdatedAt()).isEqualTo(START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(config.getStopRule().getKind()).isEqualTo(StopKind.TIME);
        assertThat(config.getStopRule().getValue()).isEqualTo(spec.sessionLength().toSeconds());
        assertThat(config.getLineMap()).extracting(m -> m.getMatch())
                .containsExactly("finish", "split1", "split2", "pitin", "pitout");
        // generated laps of 92-108 s, sped up 4x: limits in the same proportion
        assertThat(config.getTrackSettings().getMinimumLapTimeMillis()).isBetween(10_000L, 16_000L);
        assertThat(config.getTrackSettings().getMaximumLapTimeMillis()).isBetween(35_000L, 50_000L);
        assertThat(session.startControl()).hasValueSatisfying(start -> assertThat(start.getAt()).isEqualTo(config.getUpdatedAt()));
        assertThat(session.serviceUuid()).hasSize(32);
    }

    @Test
    void shouldReplayTheRaceSpedUpInTimeOrderWithinTheSession() {
        VenueSpec spec = venue(Source.LAPSNAPPER);
        DemoSession session = DemoSession.start(spec, new Recording(false), START);
        List<DemoSession.Step> steps = session.steps();

        assertThat(steps).isNotEmpty().isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        Instant end = START.plus(spec.sessionLength());
        assertThat(steps.get(0).at()).isAfterOrEqualTo(START.minusMillis(1)).isBefore(START.plusSeconds(5));
        assertThat(steps.get(steps.size() - 1).at()).isAfter(end).isBefore(end.plusSeconds(120));
        List<HardwareFeed.Read> finishes = steps.stream().map(DemoSession.Step::read)
                .filter(r -> r != null && r.line() == LineKind.FINISH).toList();
        Map<String, List<Instant>> byCar = finishes.stream().collect(Collectors.groupingBy(HardwareFeed.Read::transponder,
                Collectors.mapping(HardwareFeed.Read::at, Collectors.toList())));
        // a typical lap (the median one, so double reads and pit stops do not count): 92-108 s / 4.5
        List<Instant> first = byCar.values().stream().max((a, b) -> a.size() - b.size()).orElseThrow();
        List<Duration> laps = new java.util.ArrayList<>();
        for (int i = 1; i < first.size(); i++) {
            laps.add(Duration.between(first.get(i - 1), first.get(i)));
        }
        laps.sort(null);
        assertThat(laps.get(laps.size() / 2)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(35));
        assertThat(steps.stream().map(DemoSession.Step::read).filter(r -> r != null && r.line() == LineKind.SECTOR))
                .allSatisfy(r -> assertThat(r.index()).isIn(1, 2));
    }

    @Test
    void shouldEndAQualifyingSessionByItsTimeStopRuleWithoutARaceControlFlag() {
        VenueSpec spec = venue(Source.CHRONOCLOUD);
        DemoSession session = DemoSession.start(spec, new Recording(false), START);

        assertThat(session.config().getStopRule().getKind()).isEqualTo(StopKind.TIME);
        assertThat(session.config().getStopRule().getValue()).isEqualTo(spec.sessionLength().toSeconds());
        assertThat(session.steps()).map(DemoSession.Step::control).filteredOn(c -> c != null)
                .noneMatch(c -> c.getFlag() == io.pitwall.events.Flag.CHEQUERED);
        assertThat(DemoSession.resume(spec, new Recording(false), session.config(), START.plusSeconds(60),
                Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void shouldIdentifySlotCarsByControllerInTheEntryListAndTheReads() {
        DemoSession session = DemoSession.start(venue(Source.SMARTRACE), new Recording(true), START);

        assertThat(session.config().getEntries()).flatExtracting(Entry::getTransponders)
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
        assertThat(session.steps()).map(DemoSession.Step::read).filteredOn(r -> r != null)
                .allSatisfy(r -> assertThat(r.transponder()).matches("[1-6]"));
    }

    @Test
    void shouldCarryOnWithARunningSessionOfTheSameFieldAndNotWithAnEndedOrForeignOne() {
        VenueSpec spec = venue(Source.LAPSNAPPER);
        SessionConfig running = DemoSession.start(spec, new Recording(false), START).config();

        Optional<DemoSession> resumed = DemoSession.resume(spec, new Recording(false), running,
                START.plusSeconds(200), Duration.ofSeconds(60));
        assertThat(resumed).hasValueSatisfying(session -> {
            assertThat(session.sessionId()).isEqualTo(running.getSessionId());
            assertThat(session.config()).isSameAs(running);
            assertThat(session.startControl()).isEmpty();
            assertThat(session.steps().get(0).at()).isAfterOrEqualTo(START.plusSeconds(200));
        });
        assertThat(DemoSession.resume(spec, new Recording(false), running,
                START.plus(spec.sessionLength()).minusSeconds(30), Duration.ofSeconds(60))).isEmpty();
        SessionConfig foreign = SessionConfig.newBuilder(running).setSessionId("club-race-1").build();
        assertThat(DemoSession.resume(spec, new Recording(false), foreign, START.plusSeconds(10),
                Duration.ofSeconds(60))).isEmpty();
    }
}
