package io.pitwall.processor.timing.lap;

import io.pitwall.events.SessionConfig;
import io.pitwall.events.TrackSettings;

/**
 * The session's track minimums and maximum, in microseconds, plus the sector layout.
 *
 * <p>Sector lines are numbered 1..sectorCount-1 in track order after the finish line; sector n runs from
 * line n-1 (line 0 = FINISH) to line n, and the last sector ends at FINISH.
 */
public final class TrackLimits {

    private final int sectorCount;
    private final long minimumLapMicros;
    private final long[] minimumSectorMicros;
    private final long maximumLapMicros;

    public TrackLimits(int sectorCount, long minimumLapMicros, long[] minimumSectorMicros, long maximumLapMicros) {
        if (sectorCount < 1) {
            throw new IllegalArgumentException("sectorCount must be at least 1: " + sectorCount);
        }
        this.sectorCount = sectorCount;
        this.minimumSectorMicros = new long[sectorCount + 1];
        long sumOfSectorMinimums = 0;
        for (int sector = 1; sector <= sectorCount && sector < minimumSectorMicros.length; sector++) {
            this.minimumSectorMicros[sector] = Math.max(0, minimumSectorMicros[sector]);
            sumOfSectorMinimums += this.minimumSectorMicros[sector];
        }
        // A lap can never be shorter than its sectors' minimums together: that bound also filters double
        // reads of the finish line when the minimum lap time itself is disabled.
        this.minimumLapMicros = sectorCount > 1 ? Math.max(minimumLapMicros, sumOfSectorMinimums) : minimumLapMicros;
        this.maximumLapMicros = maximumLapMicros;
    }

    public static TrackLimits of(SessionConfig config) {
        TrackSettings track = config.getTrackSettings();
        int sectors = Math.max(1, Math.min(3, config.getSectorCount()));
        long[] sectorMinimums = {
                0,
                Micros.ofMillis(track.getMinimumSector1TimeMillis()),
                Micros.ofMillis(track.getMinimumSector2TimeMillis()),
                Micros.ofMillis(track.getMinimumSector3TimeMillis())};
        long minimumLap = track.getMinimumLapTimeEnabled() ? Micros.ofMillis(track.getMinimumLapTimeMillis()) : 0;
        long maximumLap = track.getMaximumLapTimeEnabled() && track.getMaximumLapTimeMillis() > 0
                ? Micros.ofMillis(track.getMaximumLapTimeMillis()) : 0;
        return new TrackLimits(sectors, minimumLap, sectorMinimums, maximumLap);
    }

    public int sectorCount() {
        return sectorCount;
    }

    /** Effective minimum between two accepted FINISH crossings (0 = none). */
    public long minimumLapMicros() {
        return minimumLapMicros;
    }

    /** Minimum time of sector {@code sector} (1-based), 0 when none or out of range. */
    public long minimumSectorMicros(int sector) {
        return sector >= 1 && sector <= sectorCount ? minimumSectorMicros[sector] : 0;
    }

    /** Maximum lap time, 0 when disabled. */
    public long maximumLapMicros() {
        return maximumLapMicros;
    }

    public boolean isOverMaximum(long lapTimeMicros) {
        return maximumLapMicros > 0 && lapTimeMicros > maximumLapMicros;
    }

    /** Whether {@code index} names a sector line of this layout (1..sectorCount-1). */
    public boolean isSectorLine(int index) {
        return index >= 1 && index < sectorCount;
    }

    /**
     * Sector line index for the {@code ordinal}-th index-less sector crossing since the last FINISH
     * (LapSnapper reports sector lines without saying which). Lines come in track order, so the first one
     * after the finish is line 1; after a missed finish read the numbering wraps round.
     */
    public int derivedSectorIndex(int ordinal) {
        int sectorLines = sectorCount - 1;
        if (sectorLines <= 0) {
            return ordinal;
        }
        return ((ordinal - 1) % sectorLines) + 1;
    }
}
