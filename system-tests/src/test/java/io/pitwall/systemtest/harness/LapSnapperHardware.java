package io.pitwall.systemtest.harness;

import io.pitwall.events.LineKind;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import io.pitwall.simulator.race.DetectorRead;
import java.util.List;

/** A LapSnapper socket server (lap line {@code lapLine} 1, sector lines 0) that the LapSnapper ingest dials. */
public final class LapSnapperHardware implements TimingHardware {

    public static final String PASSWORD = "3,1,4,1,5";
    public static final String PIN = "2718";

    private final LapSnapperSimulator server;

    public LapSnapperHardware() {
        this.server = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withBindAddress("127.0.0.1")
                .withPort(0).withPassword(List.of(3, 1, 4, 1, 5)).withPinCode(PIN));
    }

    public int port() {
        return server.port();
    }

    /** The simulator: fault switches ({@code faults()}), disconnects, what it sent. */
    public LapSnapperSimulator simulator() {
        return server;
    }

    @Override
    public void send(DetectorRead read) {
        server.publish(Integer.parseInt(read.transponder()), 1, null, read.timeMicros() / 1000,
                read.line() == LineKind.FINISH ? 1 : 0);
    }

    @Override
    public boolean isReady() {
        return server.handshakenClients() > 0;
    }

    @Override
    public void close() {
        server.close();
    }
}
