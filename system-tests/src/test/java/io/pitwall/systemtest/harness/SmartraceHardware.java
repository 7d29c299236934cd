package io.pitwall.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.LineKind;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.smartrace.SentFrame;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A Smartrace lap sensor (finish line, pit enter, pit leave; cars by controller), a WebSocket client of the
 * Smartrace ingest. Its times are its own millisecond counter, which the ingest anchors to its receive clock:
 * a race for it must be replayed in real time ({@link Replay#inRealTime}).
 *
 * <p>A sensor made a read whether or not it was connected; it records which reads actually went out
 * ({@link #delivered}), for faults that lose reads by design (laps made while disconnected). {@link #ofVenue} is
 * the sensor of one venue among many on one ingest ({@code /venues/<venue>}, {@code smartrace.venues}); it does
 * not record deliveries, which would cost a copy of everything sent per read in a long run.
 */
public final class SmartraceHardware implements TimingHardware {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmartraceSensor sensor;
    private final boolean tracksDelivery;
    private final Set<DetectorRead> sentLive = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public SmartraceHardware(int ingestPort) {
        this(ingestPort, Duration.ofMillis(200));
    }

    /** @param reconnectDelay how long the sensor waits before it reconnects after losing its connection */
    public SmartraceHardware(int ingestPort, Duration reconnectDelay) {
        this(URI.create("ws://127.0.0.1:" + ingestPort + "/"), reconnectDelay, true);
    }

    private SmartraceHardware(URI uri, Duration reconnectDelay, boolean tracksDelivery) {
        this.sensor = SmartraceSensor.builder(uri).reconnectDelay(reconnectDelay).build().start();
        this.tracksDelivery = tracksDelivery;
    }

    /** The sensor of {@code venueId} on an ingest serving many venues; {@link #delivered} is not available. */
    public static SmartraceHardware ofVenue(int ingestPort, String venueId) {
        return new SmartraceHardware(URI.create("ws://127.0.0.1:" + ingestPort + "/venues/" + venueId),
                Duration.ofMillis(200), false);
    }

    /** The sensor: {@code dropConnection()}, what it sent and received. */
    public SmartraceSensor sensor() {
        return sensor;
    }

    @Override
    public void send(DetectorRead read) {
        if (!tracksDelivery) {
            report(read);
            return;
        }
        int before = sensor.sent().size();
        report(read);
        List<SentFrame> sent = sensor.sent();
        // frames the event loop adds meanwhile (registration, re-sent laps) are not this read's
        if (sent.subList(before, sent.size()).stream().anyMatch(f -> !f.resent() && f.text().contains("\"analog_"))) {
            sentLive.add(read);
        }
    }

    private void report(DetectorRead read) {
        int controller = Integer.parseInt(read.transponder());
        switch (read.line()) {
            case FINISH -> sensor.lap(controller, HardwareRace.instant(read.timeMicros()));
            case PIT_IN -> sensor.pitEnter(controller);
            case PIT_OUT -> sensor.pitLeave(controller, HardwareRace.instant(read.timeMicros()));
            default -> throw new IllegalArgumentException("a Smartrace lap sensor has no " + read.line() + " line");
        }
    }

    /**
     * Of {@code reads} (those sent to this sensor), the ones that reached the ingest: written to a live connection,
     * or laps the sensor re-sent after a reconnect. Only meaningful for reads sent while the connection was
     * either up or known to be down (a frame written into a connection that is dying is counted as sent).
     */
    public List<DetectorRead> delivered(List<DetectorRead> reads) {
        if (!tracksDelivery) {
            throw new IllegalStateException("a venue sensor made by ofVenue does not record what it delivered");
        }
        Set<String> resentLaps = new HashSet<>();
        for (SentFrame frame : sensor.sent()) {
            if (frame.resent()) {
                JsonNode json = parse(frame.text());
                resentLaps.add(json.findValue("controller_id").asText() + "@" + json.findValue("timestamp").asLong());
            }
        }
        return reads.stream().filter(read -> sentLive.contains(read) || (read.line() == LineKind.FINISH
                && resentLaps.contains(Integer.parseInt(read.transponder()) + "@"
                + sensor.counterAt(HardwareRace.instant(read.timeMicros()))))).toList();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
