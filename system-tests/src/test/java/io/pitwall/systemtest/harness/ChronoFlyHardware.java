package io.pitwall.systemtest.harness;

import io.pitwall.events.LineKind;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.race.DetectorRead;
import java.net.URI;
import java.time.Duration;

/**
 * Two ChronoFly stations, {@code Track-Finish} and {@code Track-Sector}, WebSocket clients of the ChronoCloud
 * ingest. Their event cycle (keepalive + re-send of every unconfirmed passing) is 1 s instead of 30 s, so
 * re-sends happen within a test's time.
 */
public final class ChronoFlyHardware implements TimingHardware {

    public static final String FINISH_STATION = "ChronoFly-20071";
    public static final String SECTOR_STATION = "ChronoFly-20072";

    private final ChronoFlySimulator finish;
    private final ChronoFlySimulator sector;

    /**
     * @param lostConfirmations share (0..1) of the ingest's confirmations the stations ignore, as if lost on the
     *                          way: they re-send passings the ingest already stored
     */
    public ChronoFlyHardware(int ingestPort, String round, double lostConfirmations, long seed) {
        URI uri = URI.create("ws://127.0.0.1:" + ingestPort + "/");
        this.finish = station(uri, FINISH_STATION, "Track-Finish", round, lostConfirmations, seed);
        this.sector = station(uri, SECTOR_STATION, "Track-Sector", round, lostConfirmations, seed + 1);
    }

    private static ChronoFlySimulator station(URI uri, String name, String type, String round, double lost, long seed) {
        ChronoFlySimulator.Builder builder = ChronoFlySimulator.builder(uri).station(name).competition("system-test")
                .round(round).stationType(type).cycle(Duration.ofSeconds(1)).reconnectDelay(Duration.ofMillis(300));
        if (lost > 0) {
            builder.loseConfirmations(lost, seed);
        }
        return builder.build().start();
    }

    /** The stations as the ingest's {@code chronocloud.stations} option maps them to {@code venueId}. */
    public static String stationsOption(String venueId) {
        return FINISH_STATION + "=" + venueId + "," + SECTOR_STATION + "=" + venueId;
    }

    public ChronoFlySimulator finishStation() {
        return finish;
    }

    public ChronoFlySimulator sectorStation() {
        return sector;
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

    /** Both stations hold no unconfirmed passing. */
    public boolean allConfirmed() {
        return finish.unconfirmed().isEmpty() && sector.unconfirmed().isEmpty();
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
