package io.pitwall.systemtest.harness;

import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import io.pitwall.simulator.race.DetectorRead;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A ChronoTrack box with locations {@code finish, split1, split2, pitin, pitout} whose CTP01 client connects to
 * the ingest and authenticates with HMAC-SHA1, sending Unix times with milliseconds. On an ingest serving one
 * venue every box is {@link #USER}; on a port shared by many venues the user picks the venue, so each venue's box
 * authenticates as its own {@link #userOf user}.
 */
public final class ChronoTrackHardware implements TimingHardware {

    public static final String USER = "timer";
    public static final String PASSWORD = "system-test-secret";

    private final ChronoTrackBox box;
    private final ChronoTrackClient client;

    /** @param eventStart when the event starts: its date is the box's event date, its locations connect then */
    public ChronoTrackHardware(String venueId, int ingestPort, Instant eventStart) {
        this(venueId, ingestPort, eventStart, USER);
    }

    /** The box of {@code race}'s venue, its event starting when the race does, authenticating as {@link #USER}. */
    public static ChronoTrackHardware forRace(HardwareRace race, int ingestPort) {
        return new ChronoTrackHardware(race.venueId(), ingestPort, race.timeline().scenario().start());
    }

    /** A box authenticating as {@code user} (with {@link #PASSWORD}), e.g. {@link #userOf} on a shared port. */
    public ChronoTrackHardware(String venueId, int ingestPort, Instant eventStart, String user) {
        this.box = ChronoTrackBox.builder(venueId + "-box").eventInfo("System test", venueId, "Generated race")
                .zone(ZoneOffset.UTC).eventDate(LocalDate.ofInstant(eventStart, ZoneOffset.UTC)).build();
        for (String location : new String[] {"finish", "split1", "split2", "pitin", "pitout"}) {
            box.addLocation(location, eventStart.minusSeconds(60));
        }
        this.client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", ingestPort)
                .withCredentials(user, PASSWORD).withFractionDigits(3).withReconnectDelay(Duration.ofMillis(300)));
        client.start();
    }

    /** The CTP01 user of a venue's box on a port shared by many venues: the ingest maps users to venues. */
    public static String userOf(String venueId) {
        return USER + "-" + venueId;
    }

    public ChronoTrackBox box() {
        return box;
    }

    /** The client: fault switches ({@code faults()}), {@code dropConnection()}, counters. */
    public ChronoTrackClient client() {
        return client;
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
