package io.pitwall.systemtest.bench;

import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.TimingHardware;
import java.net.URI;
import java.time.Duration;

/**
 * A Smartrace lap sensor of one venue among many on one Smartrace ingest: it connects to
 * {@code /venues/<venue>} ({@code smartrace.venues}) instead of the root path the harness's
 * {@code SmartraceHardware} uses, which serves a single venue.
 */
final class SmartraceVenueSensor implements TimingHardware {

    private final SmartraceSensor sensor;

    SmartraceVenueSensor(int ingestPort, String venueId) {
        this.sensor = SmartraceSensor.builder(URI.create("ws://127.0.0.1:" + ingestPort + "/venues/" + venueId))
                .reconnectDelay(Duration.ofMillis(200)).build().start();
    }

    @Override
    public void send(DetectorRead read) {
        int controller = Integer.parseInt(read.transponder());
        switch (read.line()) {
            case FINISH -> sensor.lap(controller, HardwareRace.instant(read.timeMicros()));
            case PIT_IN -> sensor.pitEnter(controller);
            case PIT_OUT -> sensor.pitLeave(controller, HardwareRace.instant(read.timeMicros()));
            default -> throw new IllegalArgumentException("a Smartrace lap sensor has no " + read.line() + " line");
        }
    }

    @Override
    public boolean isReady() {
        return sensor.isConnected();
    }

    @Override
    public void close() {
        sensor.close();
    }
}
