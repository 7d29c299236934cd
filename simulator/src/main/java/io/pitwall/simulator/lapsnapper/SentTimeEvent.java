package io.pitwall.simulator.lapsnapper;

/**
 * A 6110 time event the simulator has sent (or holds back in an out-of-order burst).
 *
 * @param timeStampId  assigned by the simulator in publish order, starting at 1
 * @param transponderName may be null: the field is then left out of the JSON
 * @param lapLine      1 lap line, 0 sector line
 */
public record SentTimeEvent(long timeStampId, int transponderId, int transponderInstance, String transponderName,
                            long absoluteTime, int lapLine) {
}
