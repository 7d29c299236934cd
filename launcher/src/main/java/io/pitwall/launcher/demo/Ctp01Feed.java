package io.pitwall.launcher.demo;

import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import java.time.Duration;

/**
 * A ChronoTrack timing box with five locations (finish, split1, split2, pitin, pitout) whose client connects to
 * the CTP01 ingest and authenticates with HMAC-SHA1. The ingest leaves the locations unmapped; the session's line
 * map says which is which, as the operator configured it.
 */
public final class Ctp01Feed implements HardwareFeed {

    public static final String FINISH = "finish";
    public static final String SPLIT = "split";
    public static final String PIT_IN = "pitin";
    public static final String PIT_OUT = "pitout";
    public static final String USER = "timer";

    private final ChronoTrackBox box;
    private final ChronoTrackClient client;
    private final int port;

    /**
     * @param venueId  names the box and the event
     * @param port     the ingest's CTP01 port
     * @param password the user's password, as configured in the ingest
     */
    public Ctp01Feed(String venueId, int port, String password) {
        this.port = port;
        // a new box identity per run: its sequences start at 1 again, so it must be a new stream
        this.box = ChronoTrackBox.builder(venueId + "-box").eventInfo("Pitwall Demo", venueId, "Simulated event").build();
        for (String location : new String[] {FINISH, SPLIT + 1, SPLIT + 2, PIT_IN, PIT_OUT}) {
            box.addLocation(location);
        }
        this.client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", port).withCredentials(USER, password)
                .withReconnectDelay(Duration.ofSeconds(1)));
        client.start();
    }

    @Override
    public String describe() {
        return "ChronoTrack box connecting to CTP01 port " + port;
    }

    @Override
    public boolean isReady() {
        return client.isReady();
    }

    @Override
    public void send(Read read) {
        String location = switch (read.line()) {
            case FINISH -> FINISH;
            case SECTOR -> read.index() == null ? null : SPLIT + read.index();
            case PIT_IN -> PIT_IN;
            case PIT_OUT -> PIT_OUT;
            default -> null;
        };
        if (location != null) {
            box.observe(location, read.transponder(), read.at());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
