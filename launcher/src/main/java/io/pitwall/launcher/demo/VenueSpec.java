package io.pitwall.launcher.demo;

import io.pitwall.events.LineKind;
import io.pitwall.events.LineMapping;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One simulated venue of {@code pitwall demo}: what kind of session runs there and how the generated race is
 * shaped. Races come from the simulator's seeded {@code RaceGenerator}, whose cars lap in 92–108 s;
 * {@code timeScale} speeds the whole timeline up (4 → 23–27 s laps) so the demo looks alive.
 *
 * @param sessionLength how long each session runs (its TIME stop rule), in real time
 * @param headStart     how far into its first session a venue is when the demo starts: that much of the race is
 *                      sent at once (as hardware that was buffering would), so there are laps on screen at once
 * @param lineMap       the session's line map, as race control configures it for this venue's hardware
 */
public record VenueSpec(String venueId, String name, String description, Source source, SessionType sessionType,
                        int sectorCount, int cars, int classes, double timeScale, Duration sessionLength,
                        Duration headStart, List<LineMapping> lineMap, double missedReadRate, double ghostReadRate, double pitStopRate,
                        boolean safetyCar, boolean unknownTransponder, boolean dualTransponderCar,
                        boolean retirement) {

    public VenueSpec {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(name, "name");
        lineMap = List.copyOf(lineMap);
        if (headStart.isNegative() || headStart.compareTo(sessionLength) >= 0) {
            throw new IllegalArgumentException("headStart must be within the session");
        }
        if (timeScale < 1) {
            throw new IllegalArgumentException("timeScale must be at least 1");
        }
    }

    /** A line-map entry for this venue's protocol. */
    static LineMapping line(Source source, String match, LineKind line, Integer index) {
        return LineMapping.newBuilder().setSource(source).setMatch(match).setLine(line).setLineIndex(index).build();
    }

    /** The four venues of the demo, one per protocol. */
    public static List<VenueSpec> demoVenues() {
        return List.of(
                new VenueSpec("demo-lapsnapper", "Pitwall Demo Circuit", "Club race - LapSnapper, 3 sectors",
                        Source.LAPSNAPPER, SessionType.RACE, 3, 12, 2, 4.5, Duration.ofMinutes(10), Duration.ofSeconds(30),
                        List.of(line(Source.LAPSNAPPER, "1", LineKind.FINISH, null),
                                line(Source.LAPSNAPPER, "0", LineKind.SECTOR, null)),
                        0.01, 0.03, 0.04, true, true, false, true),
                new VenueSpec("demo-ctp01", "Pitwall Demo Raceway", "Endurance race - ChronoTrack CTP01, 5 locations",
                        Source.CTP01, SessionType.RACE, 3, 14, 3, 4.0, Duration.ofMinutes(12), Duration.ofSeconds(30),
                        List.of(line(Source.CTP01, Ctp01Feed.FINISH, LineKind.FINISH, null),
                                line(Source.CTP01, Ctp01Feed.SPLIT + 1, LineKind.SECTOR, 1),
                                line(Source.CTP01, Ctp01Feed.SPLIT + 2, LineKind.SECTOR, 2),
                                line(Source.CTP01, Ctp01Feed.PIT_IN, LineKind.PIT_IN, null),
                                line(Source.CTP01, Ctp01Feed.PIT_OUT, LineKind.PIT_OUT, null)),
                        0.01, 0.03, 0.05, true, false, true, false),
                new VenueSpec("demo-chronofly", "Pitwall Demo Airfield", "Qualifying - ChronoFly / ChronoCloud 2",
                        Source.CHRONOCLOUD, SessionType.QUALIFYING, 2, 10, 2, 4.0, Duration.ofMinutes(8), Duration.ofSeconds(60),
                        List.of(line(Source.CHRONOCLOUD, ChronoFlyFeed.FINISH_TYPE, LineKind.FINISH, null),
                                line(Source.CHRONOCLOUD, ChronoFlyFeed.SECTOR_TYPE, LineKind.SECTOR, 1)),
                        0.01, 0.02, 0.06, false, true, false, false),
                new VenueSpec("demo-smartrace", "Pitwall Slot Car Club", "Grand Prix - Smartrace lap sensor",
                        Source.SMARTRACE, SessionType.RACE, 1, 6, 1, 15.0, Duration.ofMinutes(5), Duration.ZERO,
                        List.of(), 0.0, 0.02, 0.03, false, false, false, false));
    }
}
