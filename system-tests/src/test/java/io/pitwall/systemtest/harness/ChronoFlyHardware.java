package io.pitwall.systemtest.harness;

import io.pitwall.events.LineKind;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import io.pitwall.simulator.race.DetectorRead;
import java.net.URI;
import java.time.Duration;

/**
 * Two ChronoFly stations, {@code Track-Finish} and {@code Track-Sector}, WebSocket clients of the ChronoCloud
 * ingest. For a test their event cycle (keepalive + re-send of every unconfirmed passing) is 1 s instead of 30 s,
 * so re-sends happen within a test's time. {@link #ofVenue} makes the stations of one venue among many on one
 * ingest, named after the venue's index, with the production cycle.
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
        this(ingestPort, FINISH_STATION, SECTOR_STATION, "system-test", round, Duration.ofSeconds(1),
                lostConfirmations, seed);
    }

    /** @param cycle the stations' event cycle; null for the simulator's default, the production 30 s */
    private ChronoFlyHardware(int ingestPort, String finishStation, String sectorStation, String competition,
                              String round, Duration cycle, double lostConfirmations, long seed) {
        URI uri = URI.create("ws://127.0.0.1:" + ingestPort + "/");
        this.finish = station(uri, finishStation, "Track-Finish", competition, round, cycle, lostConfirmations, seed);
        this.sector = station(uri, sectorStation, "Track-Sector", competition, round, cycle, lostConfirmations, seed + 1);
    }

    /**
     * The stations of venue number {@code venueIndex} among many on one ingest ({@link #finishStationOf},
     * {@link #sectorStationOf}), production event cycle, every confirmation received.
     */
    public static ChronoFlyHardware ofVenue(int ingestPort, int venueIndex, String competition) {
        return new ChronoFlyHardware(ingestPort, finishStationOf(venueIndex), sectorStationOf(venueIndex), competition,
                "Round 1", null, 0, 0);
    }

    public static String finishStationOf(int venueIndex) {
        return "ChronoFly-" + (30000 + 2 * venueIndex);
    }

    public static String sectorStationOf(int venueIndex) {
        return "ChronoFly-" + (30001 + 2 * venueIndex);
    }

    private static ChronoFlySimulator station(URI uri, String name, String type, String competition, String round,
                                              Duration cycle, double lost, long seed) {
        ChronoFlySimulator.Builder builder = ChronoFlySimulator.builder(uri).station(name).competition(competition)
                .round(round).stationType(type).reconnectDelay(Duration.ofMillis(300));
        if (cycle != null) {
            builder.cycle(cycle);
        }
        if (lost > 0) {
            builder.loseConfirmations(lost, seed);
        }
        return builder.build().start();
    }

    /** The stations as the ingest's {@code chronocloud.stations} option maps them to {@code venueId}. */
    public static String stationsOption(String venueId) {
        return stationsOption(FINISH_STATION, SECTOR_STATION, venueId);
    }

    /** The stations of {@link #ofVenue ofVenue(port, venueIndex)} in the {@code chronocloud.stations} option. */
    public static String stationsOption(int venueIndex, String venueId) {
        return stationsOption(finishStationOf(venueIndex), sectorStationOf(venueIndex), venueId);
    }

    private static String stationsOption(String finishStation, String sectorStation, String venueId) {
        return finishStation + "=" + venueId + "," + sectorStation + "=" + venueId;
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
