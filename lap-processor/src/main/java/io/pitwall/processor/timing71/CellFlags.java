package io.pitwall.processor.timing71;

import io.pitwall.processor.timing.CarSnapshot;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.lap.Lap;
import java.util.Objects;

/**
 * The Timing71 flags of a car's time cells, judged against the current bests (the engine's lap flags say
 * what a lap was when it was set; the screen says what it is now).
 */
final class CellFlags {

    static final String NONE = "";
    static final String PERSONAL_BEST = "pb";
    static final String SESSION_BEST = "sb";
    static final String NEW_SESSION_BEST = "sb-new";
    static final String OLD = "old";
    static final String INVALID = "invalid";

    /** A session best set this recently is shown as "sb-new". */
    static final long NEW_SESSION_BEST_MICROS = 10_000_000L;

    private CellFlags() {
    }

    static String lastLap(CarSnapshot car, SessionSnapshot session) {
        Lap last = car.lastLap();
        if (last == null) {
            return NONE;
        }
        if (last.invalid()) {
            return INVALID;
        }
        boolean carsBest = car.bestLap() != null && car.bestLap().number() == last.number();
        if (carsBest && Objects.equals(session.sessionBestLapMicros(), last.lapTimeMicros())) {
            return session.nowMicros() - last.finishMicros() < NEW_SESSION_BEST_MICROS ? NEW_SESSION_BEST : SESSION_BEST;
        }
        return carsBest ? PERSONAL_BEST : NONE;
    }

    static String bestLap(CarSnapshot car, SessionSnapshot session) {
        return car.bestLap() != null && Objects.equals(session.sessionBestLapMicros(), car.bestLap().lapTimeMicros())
                ? SESSION_BEST : NONE;
    }

    static String sector(CarSnapshot car, SessionSnapshot session, int index) {
        Long time = car.currentSectors().get(index);
        if (time == null) {
            return NONE;
        }
        if (car.sectorFromLastLap().get(index)) {
            return OLD;
        }
        if (time.equals(session.sessionBestSectors().get(index))) {
            return SESSION_BEST;
        }
        return time.equals(car.bestSectors().get(index)) ? PERSONAL_BEST : NONE;
    }

    static String bestSector(CarSnapshot car, SessionSnapshot session, int index) {
        Long best = car.bestSectors().get(index);
        return best != null && best.equals(session.sessionBestSectors().get(index)) ? SESSION_BEST : NONE;
    }
}
