package io.pitwall.simulator.race;

import io.pitwall.events.LineKind;
import io.pitwall.events.Source;

/**
 * What a decoder reported: one transponder read on one line, with the stream position it was sent with.
 *
 * @param lineIndex as the hardware reports it (null for LapSnapper sector lines)
 * @param trueIndex the sector line it really was (what a test may want to know), null for other lines
 * @param ghost     a double read (same line within a fraction of a second, or the second transponder of a
 *                  dual-transponder car): a timer must ignore it
 */
public record DetectorRead(String carNumber, String transponder, long timeMicros, LineKind line, Integer lineIndex,
                           Integer trueIndex, boolean ghost, Source source, String streamId, long streamEpoch,
                           long sequence) {
}
