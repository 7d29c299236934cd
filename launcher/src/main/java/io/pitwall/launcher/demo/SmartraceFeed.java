package io.pitwall.launcher.demo;

import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.net.URI;
import java.time.Duration;

/**
 * A Smartrace lap sensor on a slot-car track, a WebSocket client of the Smartrace ingest as it would be of
 * Smartrace Connect: laps per controller, pit enter and pit leave. Cars are identified by controller (1..n).
 */
public final class SmartraceFeed implements HardwareFeed {

    private final SmartraceSensor sensor;
    private final int port;

    public SmartraceFeed(int port) {
        this.port = port;
        this.sensor = SmartraceSensor.builder(URI.create("ws://127.0.0.1:" + port + "/"))
                .reconnectDelay(Duration.ofSeconds(1)).build().start();
    }

    @Override
    public String describe() {
        return "Smartrace lap sensor connecting to port " + port;
    }

    @Override
    public boolean isReady() {
        return sensor.isConnected();
    }

    @Override
    public String transponder(String generated, int carIndex) {
        return Integer.toString(carIndex + 1);
    }

    @Override
    public void send(Read read) {
        int controller = Integer.parseInt(read.transponder());
        switch (read.line()) {
            case FINISH -> sensor.lap(controller, read.at());
            case PIT_IN -> sensor.pitEnter(controller);
            case PIT_OUT -> sensor.pitLeave(controller, read.at());
            default -> {
                // a lap sensor sees the finish line only
            }
        }
    }

    @Override
    public void close() {
        sensor.close();
    }
}
