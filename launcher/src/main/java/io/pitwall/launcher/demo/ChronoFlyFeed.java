package io.pitwall.launcher.demo;

import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.List;

/**
 * Two ChronoFly stations, one on the finish line ({@code Track-Finish}) and one on the sector line
 * ({@code Track-Sector}), each a WebSocket client of the ChronoCloud ingest. Every session is a new round, so
 * the stations' passing ids (which start at 0 in each round) never repeat within a stream.
 */
public final class ChronoFlyFeed implements HardwareFeed {

    public static final String FINISH_TYPE = "Track-Finish";
    public static final String SECTOR_TYPE = "Track-Sector";
    public static final String FINISH_STATION = "ChronoFly-10071";
    public static final String SECTOR_STATION = "ChronoFly-10072";
    private static final DateTimeFormatter ROUND = DateTimeFormatter.ofPattern("'Round' HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ChronoFlySimulator finish;
    private final ChronoFlySimulator sector;
    private final int port;

    public ChronoFlyFeed(int port) {
        this.port = port;
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        String round = ROUND.format(Instant.now());
        this.finish = ChronoFlySimulator.builder(uri).station(FINISH_STATION).competition("2026").round(round)
                .stationType(FINISH_TYPE).reconnectDelay(Duration.ofSeconds(1)).build().start();
        this.sector = ChronoFlySimulator.builder(uri).station(SECTOR_STATION).competition("2026").round(round)
                .stationType(SECTOR_TYPE).reconnectDelay(Duration.ofSeconds(1)).build().start();
    }

    /** The stations, as the ingest's chronocloud.stations option maps them to {@code venueId}. */
    public static String stationsOption(String venueId) {
        return String.join(",", List.of(FINISH_STATION + "=" + venueId, SECTOR_STATION + "=" + venueId));
    }

    @Override
    public String describe() {
        return "ChronoFly stations connecting to ChronoCloud port " + port;
    }

    @Override
    public boolean isReady() {
        return finish.isConnected() && sector.isConnected();
    }

    @Override
    public void newSession(String sessionId) {
        String round = ROUND.format(Instant.now());
        finish.changeRound(round);
        sector.changeRound(round);
    }

    @Override
    public void send(Read read) {
        switch (read.line()) {
            case FINISH -> finish.pass(read.transponder(), read.at(), FINISH_TYPE);
            case SECTOR -> sector.pass(read.transponder(), read.at(), SECTOR_TYPE);
            default -> {
                // no pit-lane stations at this venue
            }
        }
    }

    @Override
    public void close() {
        finish.close();
        sector.close();
    }
}
