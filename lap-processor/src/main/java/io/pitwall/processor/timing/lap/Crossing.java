package io.pitwall.processor.timing.lap;

import io.pitwall.events.LineKind;
import java.util.Comparator;
import java.util.Objects;

/**
 * One transponder crossing one timing line, reduced to what the lap calculation needs.
 *
 * <p>The natural order is the engine's total order of events: passing time, then the passing key as a
 * tiebreaker. Every computation walks crossings in this order, which is what makes the results a pure
 * function of the set of passings rather than of their arrival order.
 *
 * @param lineIndex sector number for SECTOR lines when known (from the hardware, the line map or derived
 *                  by the lap calculator), otherwise null
 * @param name      the name the hardware attached to the transponder, if any (shown for unknown cars)
 */
public record Crossing(PassingKey key, String transponder, long timeMicros, LineKind line, Integer lineIndex,
                       String name) implements Comparable<Crossing> {

    public static final Comparator<Crossing> TIME_ORDER = Comparator.naturalOrder();

    public Crossing {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transponder, "transponder");
        Objects.requireNonNull(line, "line");
    }

    public Crossing withLineIndex(Integer index) {
        return Objects.equals(index, lineIndex) ? this : new Crossing(key, transponder, timeMicros, line, index, name);
    }

    public boolean isTimingLine() {
        return line == LineKind.FINISH || line == LineKind.SECTOR;
    }

    public boolean isPitLine() {
        return line == LineKind.PIT_IN || line == LineKind.PIT_OUT;
    }

    @Override
    public int compareTo(Crossing other) {
        int byTime = Long.compare(timeMicros, other.timeMicros);
        return byTime != 0 ? byTime : key.compareTo(other.key);
    }
}
