package io.pitwall.systemtest.bench;

import io.pitwall.events.LineKind;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.TimingHardware;
import java.net.URI;
import java.time.Duration;

/**
 * The finish and sector ChronoFly stations of one venue among many on one ChronoCloud ingest. The harness's
 * {@code ChronoFlyHardware} has fixed station names (one venue per ingest); here every venue's stations are named
 * after its index. Production event cycle (30 s keepalive/re-send), station types as the harness's line map.
 */
final class ChronoFlyVenueStations implements TimingHardware {

    private final ChronoFlySimulator finish;
    private final ChronoFlySimulator sector;

    ChronoFlyVenueStations(int ingestPort, int venueIndex) {
        URI uri = URI.create("ws://127.0.0.1:" + ingestPort + "/");
        this.finish = station(uri, finishStation(venueIndex), "Track-Finish");
        this.sector = station(uri, sectorStation(venueIndex), "Track-Sector");
    }

    static String finishStation(int venueIndex) {
        return "ChronoFly-" + (30000 + 2 * venueIndex);
    }

    static String sectorStation(int venueIndex) {
        return "ChronoFly-" + (30001 + 2 * venueIndex);
    }

    private static ChronoFlySimulator station(URI uri, String name, String type) {
        return ChronoFlySimulator.builder(uri).station(name).competition("benchmark").round("Round 1")
                .stationType(type).reconnectDelay(Duration.ofMillis(300)).build().start();
    }

    @Override
    public void send(DetectorRead read) {
        if (read.line() == LineKind.FINISH) {
            finish.pass(read.transponder(), HardwareRace.instant(read.timeMicros()), "Track-Finish");
        } else if (read.line() == LineKind.SECTOR) {
            sector.pass(read.transponder(), HardwareRace.instant(read.timeMicros()), "Track-Sector");
        } else {
            throw new IllegalArgumentException("no ChronoFly station for " + read);
        }
    }

    @Override
    public boolean isReady() {
        return finish.isConnected() && sector.isConnected();
    }

    @Override
    public void close() {
        finish.close();
        sector.close();
    }
}
