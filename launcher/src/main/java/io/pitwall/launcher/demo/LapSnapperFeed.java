package io.pitwall.launcher.demo;

import io.pitwall.events.LineKind;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.util.List;

/**
 * A LapSnapper socket server (the simulator) that the LapSnapper ingest connects to: one decoder with the lap line
 * ({@code lapLine} 1) and the sector lines ({@code lapLine} 0, no index). Pit lane crossings are not seen:
 * LapSnapper has no pit lines.
 */
public final class LapSnapperFeed implements HardwareFeed {

    /** Handshake password of the simulated server (LapSnapper's is an integer array). */
    public static final List<Integer> PASSWORD = List.of(3, 1, 4, 1, 5);
    public static final String PIN = "2718";

    private final LapSnapperSimulator server;

    public LapSnapperFeed() {
        this.server = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0)
                .withPassword(PASSWORD).withPinCode(PIN));
    }

    /** The port the ingest connects to. */
    public int port() {
        return server.port();
    }

    /** {@code 3,1,4,1,5}: the password as the ingest's lapsnapper.password option writes it. */
    public static String passwordOption() {
        return String.join(",", PASSWORD.stream().map(String::valueOf).toList());
    }

    @Override
    public String describe() {
        return "LapSnapper server on port " + port();
    }

    @Override
    public boolean isReady() {
        return server.handshakenClients() > 0;
    }

    @Override
    public void send(Read read) {
        if (read.line() != LineKind.FINISH && read.line() != LineKind.SECTOR) {
            return;
        }
        server.publish(Integer.parseInt(read.transponder()), 1, read.name(), read.at().toEpochMilli(),
                read.line() == LineKind.FINISH ? 1 : 0);
    }

    @Override
    public void close() {
        server.close();
    }
}
