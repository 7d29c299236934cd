package io.pitwall.processor.timing.lap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A completed lap: from one accepted FINISH crossing to the next.
 *
 * @param number            1 for the first completed lap
 * @param transponder       transponder of the FINISH crossing that ended the lap
 * @param sectorTimesMicros one entry per sector (empty when the session has one sector), null where a
 *                          sector could not be timed (a sector line was missed, or a FINISH was missed and
 *                          the lap spans two physical laps)
 * @param invalid           over the enabled maximum lap time: counted, never a best lap
 * @param inPit             a pit line was crossed during the lap
 * @param passings          the accepted crossings the lap was computed from, starting FINISH first
 * @param personalBest      best valid lap of the car so far (in finish-time order)
 * @param sessionBest       best valid lap of any car so far
 */
public record Lap(int number, String transponder, long startMicros, long finishMicros, List<Long> sectorTimesMicros,
                  boolean invalid, boolean inPit, List<PassingKey> passings, boolean personalBest,
                  boolean sessionBest) {

    public Lap {
        Objects.requireNonNull(transponder, "transponder");
        // sector lists hold nulls, which List.copyOf refuses
        sectorTimesMicros = Collections.unmodifiableList(new ArrayList<>(sectorTimesMicros));
        passings = List.copyOf(passings);
    }

    public long lapTimeMicros() {
        return finishMicros - startMicros;
    }

    public boolean isValid() {
        return !invalid;
    }

    public Lap withBestFlags(boolean newPersonalBest, boolean newSessionBest) {
        if (newPersonalBest == personalBest && newSessionBest == sessionBest) {
            return this;
        }
        return new Lap(number, transponder, startMicros, finishMicros, sectorTimesMicros, invalid, inPit, passings,
                newPersonalBest, newSessionBest);
    }

    /** The same lap, best-lap flags aside (asked once per passing, so without copying either lap). */
    public boolean equalsIgnoringBestFlags(Lap other) {
        return number == other.number && startMicros == other.startMicros && finishMicros == other.finishMicros
                && invalid == other.invalid && inPit == other.inPit && transponder.equals(other.transponder)
                && sectorTimesMicros.equals(other.sectorTimesMicros) && passings.equals(other.passings);
    }
}
