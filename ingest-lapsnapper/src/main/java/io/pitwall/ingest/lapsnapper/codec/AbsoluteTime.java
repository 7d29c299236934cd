package io.pitwall.ingest.lapsnapper.codec;

/**
 * The {@code absoluteTime} object of a 6110 "Time Event".
 *
 * @param timeStampId  the server's id of this timestamp; the document says to sort events by it. Kept as a long
 *                     although the document types it Integer, so a long-running server never makes us reject data.
 * @param absoluteTime the passing time in milliseconds
 */
public record AbsoluteTime(long timeStampId, long absoluteTime) {
}
