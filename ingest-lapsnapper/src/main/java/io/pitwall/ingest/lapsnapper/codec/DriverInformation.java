package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** One entry of the {@code driverInformation} list of 6404 "Session Information". */
public record DriverInformation(int driverNumber, String driverName, TransponderKey transponder,
                                boolean transponderEnabled) {

    public DriverInformation {
        Objects.requireNonNull(driverName, "driverName");
        Objects.requireNonNull(transponder, "transponder");
    }
}
