package io.pitwall.ingest.lapsnapper.codec;

/**
 * The {@code trackSettings} object of 6402 "Start Session" and 6405 "Race Track Settings". Times in milliseconds.
 */
public record TrackSettings(boolean minimumLapTimeEnabled, int minimumLapTime, int minimumSector1Time,
                            int minimumSector2Time, int minimumSector3Time, boolean maximumLapTimeEnabled,
                            int maximumLapTime) {
}
