package io.pitwall.ingest.lapsnapper.codec;

/**
 * The nested {@code transponderID} object of a driver entry in 6404 "Session Information".
 *
 * @param transponderInstance 1 by default
 */
public record TransponderKey(int transponderId, int transponderInstance) {
}
