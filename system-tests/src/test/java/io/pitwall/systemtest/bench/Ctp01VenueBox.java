package io.pitwall.systemtest.bench;

import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.TimingHardware;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A ChronoTrack box of one venue among many on a shared CTP01 port. The harness's {@code ChronoTrackHardware}
 * authenticates every box as the same user, and on a shared port the user picks the venue, so here each venue
 * has its own user ({@link #user}). Locations and line names are the harness's (its {@code CTP01} line map).
 */
final class Ctp01VenueBox implements TimingHardware {

    static final String PASSWORD = "bench-secret";

    private final ChronoTrackBox box;
    private final ChronoTrackClient client;

    Ctp01VenueBox(String venueId, int ingestPort, Instant eventStart) {
        this.box = ChronoTrackBox.builder(venueId + "-box").eventInfo("Benchmark", venueId, "Generated race")
                .zone(ZoneOffset.UTC).eventDate(LocalDate.ofInstant(eventStart, ZoneOffset.UTC)).build();
        for (String location : new String[] {"finish", "split1", "split2", "pitin", "pitout"}) {
            box.addLocation(location, eventStart.minusSeconds(60));
        }
        this.client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", ingestPort)
                .withCredentials(user(venueId), PASSWORD).withFractionDigits(3)
                .withReconnectDelay(Duration.ofMillis(300)));
        client.start();
    }

    /** The CTP01 user of a venue: the ingest maps users to venues. */
    static String user(String venueId) {
        return "timer-" + venueId;
    }

    @Override
    public void send(DetectorRead read) {
        String location = switch (read.line()) {
            case FINISH -> "finish";
            case SECTOR -> "split" + read.lineIndex();
            case PIT_IN -> "pitin";
            case PIT_OUT -> "pitout";
            default -> throw new IllegalArgumentException("no CTP01 location for " + read);
        };
        box.observe(location, read.transponder(), HardwareRace.instant(read.timeMicros()));
    }

    @Override
    public boolean isReady() {
        return client.isReady();
    }

    @Override
    public void close() {
        client.close();
    }
}
