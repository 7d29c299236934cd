package io.pitwall.simulator.race;

import io.pitwall.events.LineKind;

/**
 * A car physically crossing a timing line (the truth, whether or not any decoder saw it).
 *
 * @param lineIndex sector line number (1..sectors-1) for SECTOR lines, else null
 * @param read      whether the decoder read it (false = a missed read)
 */
public record TrackCrossing(String carNumber, long timeMicros, LineKind line, Integer lineIndex, boolean read) {
}
