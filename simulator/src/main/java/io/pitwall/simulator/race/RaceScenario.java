package io.pitwall.simulator.race;

import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: the session, the field and how imperfect the timing hardware is. Same scenario, same
 * seed → the same session, crossing for crossing.
 *
 * @param sectorCount           1..3 sectors per lap
 * @param hardwareSectorIndex   true: sector passings carry their line index (CTP01/ChronoCloud style);
 *                              false: LapSnapper style, FINISH and SECTOR lines on one decoder without index
 * @param stopKind              LAPS or TIME
 * @param stopValue             laps, or seconds
 * @param missedReadRate        probability that a crossing is not read at all
 * @param ghostReadRate         probability that a read is followed by a double read of the same line
 * @param pitStopRate           probability per lap that a car pits at the end of it
 * @param safetyCar             a safety-car period (slower laps, SC and GREEN flags)
 * @param unknownTransponder    one car runs with a transponder that is not on the entry list
 * @param dualTransponderCar    one car carries two transponders, both read at every line
 * @param retirement            one car stops early and race control retires it
 * @param decoderRestart        the finish-line decoder restarts mid-session: a new stream epoch, sequence 1
 */
public record RaceScenario(long seed, String venueId, String sessionId, SessionType sessionType, int cars,
                           int classes, int sectorCount, boolean hardwareSectorIndex, StopKind stopKind,
                           long stopValue, Instant start, double missedReadRate, double ghostReadRate,
                           double pitStopRate, boolean safetyCar, boolean unknownTransponder,
                           boolean dualTransponderCar, boolean retirement, boolean decoderRestart) {

    public RaceScenario {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionType, "sessionType");
        Objects.requireNonNull(stopKind, "stopKind");
        Objects.requireNonNull(start, "start");
        if (cars < 1 || classes < 1 || classes > 3 || sectorCount < 1 || sectorCount > 3) {
            throw new IllegalArgumentException("cars >= 1, classes 1..3, sectors 1..3");
        }
        if (stopKind != StopKind.LAPS && stopKind != StopKind.TIME) {
            throw new IllegalArgumentException("the generator needs a LAPS or TIME stop rule");
        }
    }

    /** A 10-lap race with everything that can go wrong switched on. */
    public static RaceScenario race(long seed) {
        return new RaceScenario(seed, "venue-" + seed, "race-" + seed, SessionType.RACE, 12, 2, 3, true,
                StopKind.LAPS, 10, Instant.parse("2026-05-17T13:00:00Z"), 0.03, 0.05, 0.04, true, true, true,
                true, true);
    }

    /** A 12-minute qualifying session from the pit lane. */
    public static RaceScenario qualifying(long seed) {
        return new RaceScenario(seed, "venue-" + seed, "qualifying-" + seed, SessionType.QUALIFYING, 10, 2, 3, true,
                StopKind.TIME, 12 * 60, Instant.parse("2026-05-17T10:00:00Z"), 0.03, 0.05, 0.08, false, true,
                false, false, false);
    }

    public RaceScenario withSectors(int sectors, boolean hardwareIndex) {
        return new RaceScenario(seed, venueId, sessionId, sessionType, cars, classes, sectors, hardwareIndex, stopKind,
                stopValue, start, missedReadRate, ghostReadRate, pitStopRate, safetyCar, unknownTransponder,
                dualTransponderCar, retirement, decoderRestart);
    }

    public RaceScenario withStop(StopKind kind, long value) {
        return new RaceScenario(seed, venueId, sessionId, sessionType, cars, classes, sectorCount, hardwareSectorIndex,
                kind, value, start, missedReadRate, ghostReadRate, pitStopRate, safetyCar, unknownTransponder,
                dualTransponderCar, retirement, decoderRestart);
    }

    public RaceScenario withReadErrors(double missed, double ghosts) {
        return new RaceScenario(seed, venueId, sessionId, sessionType, cars, classes, sectorCount, hardwareSectorIndex,
                stopKind, stopValue, start, missed, ghosts, pitStopRate, safetyCar, unknownTransponder,
                dualTransponderCar, retirement, decoderRestart);
    }

    public RaceScenario withCars(int count) {
        return new RaceScenario(seed, venueId, sessionId, sessionType, count, classes, sectorCount, hardwareSectorIndex,
                stopKind, stopValue, start, missedReadRate, ghostReadRate, pitStopRate, safetyCar, unknownTransponder,
                dualTransponderCar, retirement, decoderRestart);
    }
}
