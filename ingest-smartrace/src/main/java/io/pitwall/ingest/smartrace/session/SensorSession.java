package io.pitwall.ingest.smartrace.session;

import io.pitwall.ingest.smartrace.codec.SensorMessage;
import io.pitwall.ingest.smartrace.codec.SensorMessage.AnalogLap;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ApiVersionRequest;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ControllerSet;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitEnter;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitLeave;
import io.pitwall.ingest.smartrace.codec.SensorMessage.RaceControl;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.session.SessionOutput.ClockChanged;
import io.pitwall.ingest.smartrace.session.SessionOutput.Duplicate;
import io.pitwall.ingest.smartrace.session.SessionOutput.FlushAfter;
import io.pitwall.ingest.smartrace.session.SessionOutput.Publish;
import io.pitwall.ingest.smartrace.session.SessionOutput.RaceControlRequest;
import io.pitwall.ingest.smartrace.session.SessionOutput.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The Smartrace Connect side of one sensor connection: answers the handshake, turns laps and pit
 * messages into numbered {@link Crossing}s with anchored times, drops re-sent laps, pairs the FLPL
 * double message. Knows nothing of Netty or Kafka: messages in, {@link SessionOutput}s out.
 *
 * <ul>
 *   <li><b>Handshake.</b> {@code api_version} is answered with controller data, server info, the API
 *       version and, when known, the race's current status. {@code controller_set} is accepted with or
 *       without it, and laps are accepted before either: a sensor that skips steps still gets timed.
 *       In bridge mode the real Smartrace answers while it is reachable ({@code answersLocally}).</li>
 *   <li><b>Numbering.</b> Every crossing gets the next sequence of this connection, from 1, in the
 *       order it is published; a dropped duplicate gets none, so the stream has no gaps.</li>
 *   <li><b>Re-sent laps.</b> A crossing whose (line, controller, sensor timestamp) the venue saw
 *       recently is dropped.</li>
 *   <li><b>Clock across reconnects.</b> The first timestamp of a connection is often late (laps made
 *       during a Wi-Fi outage are re-sent on reconnect). If it continues the sensor's previous connection's
 *       counter ({@link SensorClocks}, by sensor address), that connection's anchor is kept; else, if it
 *       is a recognised re-send, its recorded time anchors the counter (e.g. after a restart); else the
 *       counter is anchored afresh. Lap times stay exact across the reconnect.</li>
 *   <li><b>FLPL.</b> Some sensors report one crossing of a finish line in the pit lane as
 *       {@code analog_pit_leave} followed by {@code analog_lap}. A pit leave without timestamp waits up to
 *       the FLPL window for a lap of the same controller; if it comes, the pit exit takes the lap's time
 *       and is numbered just before it (one pit exit, one lap, in the order the sensor meant), and if
 *       that lap is a re-send, both are dropped. Any other message, or the window ending, publishes
 *       the pit exit alone at its receive time.</li>
 * </ul>
 *
 * <p>Not thread-safe: one per connection, used on the connection's event loop.
 */
public final class SensorSession {

    /** What the session needs from the venue the connection belongs to. */
    public interface VenueView {
        /** The venue's current {@code update_controller_data}. */
        ServerMessage.ControllerData controllerData();

        /** Status messages describing the race now (event status, VSC), empty while unknown. */
        List<ServerMessage> currentStatus();

        /** The venue's recently seen crossings. */
        RecentLaps recentLaps();

        /** The last clock state of each of the venue's sensors. */
        SensorClocks sensorClocks();
    }

    /** Per-service protocol settings. */
    public record Settings(int apiVersion, Duration anchorTolerance, Duration flplWindow) {
        public Settings {
            Objects.requireNonNull(anchorTolerance, "anchorTolerance");
            Objects.requireNonNull(flplWindow, "flplWindow");
        }
    }

    private record PendingPitLeave(int controllerId, long receivedMillis) {
    }

    private final VenueView venue;
    private final Settings settings;
    private final BooleanSupplier answersLocally;
    private final SensorClock clock;
    private final String sensorAddress;
    private boolean previousClockOffered;

    private long nextSequence = 1;
    private String role;
    private PendingPitLeave pending;

    /**
     * @param sensorAddress  the sensor's network address: its identity across connections within the venue
     * @param answersLocally false while a bridged Smartrace answers the sensor instead (bridge mode)
     */
    public SensorSession(VenueView venue, Settings settings, String sensorAddress, BooleanSupplier answersLocally) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sensorAddress = Objects.requireNonNull(sensorAddress, "sensorAddress");
        this.answersLocally = Objects.requireNonNull(answersLocally, "answersLocally");
        this.clock = new SensorClock(settings.anchorTolerance().toMillis());
    }

    /** The id the sensor registered with {@code controller_set}, null before. */
    public String role() {
        return role;
    }

    /** The sequence the next crossing will get. */
    public long nextSequence() {
        return nextSequence;
    }

    public List<SessionOutput> onMessage(SensorMessage message, Instant receivedAt) {
        long now = receivedAt.toEpochMilli();
        List<SessionOutput> out = new ArrayList<>(3);
        if (pending != null) {
            if (message instanceof AnalogLap lap && lap.controllerId() == pending.controllerId()
                    && now - pending.receivedMillis() <= settings.flplWindow().toMillis()) {
                completeFlpl(lap, now, out);
                return out;
            }
            emitPendingAlone(out);
        }
        if (message instanceof ApiVersionRequest) {
            handshake(out);
        } else if (message instanceof ControllerSet set) {
            role = set.controllerId();
        } else if (message instanceof AnalogLap lap) {
            timed(Line.FINISH, lap.controllerId(), lap.timestamp(), now, false, out);
        } else if (message instanceof PitEnter enter) {
            pit(Line.PIT_IN, enter.controllerId(), enter.timestamp(), now, out);
        } else if (message instanceof PitLeave leave) {
            if (leave.timestamp().isPresent()) {
                pit(Line.PIT_OUT, leave.controllerId(), leave.timestamp(), now, out);
            } else {
                pending = new PendingPitLeave(leave.controllerId(), now);
                out.add(new FlushAfter(settings.flplWindow()));
            }
        } else if (message instanceof RaceControl control) {
            out.add(new RaceControlRequest(control.command(), receivedAt));
        }
        return out;
    }

    /** Publishes a pit leave whose lap did not come within the FLPL window. */
    public List<SessionOutput> flushPending(Instant now) {
        List<SessionOutput> out = new ArrayList<>(1);
        if (pending != null && now.toEpochMilli() - pending.receivedMillis() >= settings.flplWindow().toMillis()) {
            emitPendingAlone(out);
        }
        return out;
    }

    /** Whatever is still held, published now (the connection is closing). */
    public List<SessionOutput> drain() {
        List<SessionOutput> out = new ArrayList<>(1);
        if (pending != null) {
            emitPendingAlone(out);
        }
        return out;
    }

    private void handshake(List<SessionOutput> out) {
        if (!answersLocally.getAsBoolean()) {
            return;
        }
        out.add(new Reply(venue.controllerData()));
        out.add(new Reply(new ServerMessage.ServerInfo(false)));
        out.add(new Reply(new ServerMessage.ApiVersion(settings.apiVersion())));
        venue.currentStatus().forEach(status -> out.add(new Reply(status)));
    }

    private void pit(Line line, int controllerId, OptionalLong timestamp, long now, List<SessionOutput> out) {
        if (timestamp.isPresent()) {
            timed(line, controllerId, timestamp.getAsLong(), now, false, out);
        } else {
            out.add(new Publish(new Crossing(nextSequence++, controllerId, line, now, OptionalLong.empty(), false, null)));
        }
    }

    /** A timestamped crossing; returns its time, or empty when it was a duplicate. */
    private OptionalLong timed(Line line, int controllerId, long timestamp, long now, boolean flpl,
            List<SessionOutput> out) {
        RecentLaps.Key key = new RecentLaps.Key(line, controllerId, timestamp);
        if (!previousClockOffered) {
            previousClockOffered = true;
            venue.sensorClocks().last(sensorAddress, now).ifPresent(clock::offer);
        }
        OptionalLong known = venue.recentLaps().lookup(key, now);
        if (known.isPresent()) {
            clock.adopt(timestamp, known.getAsLong(), now);
            rememberClock(now);
            out.add(new Duplicate(key));
            return OptionalLong.empty();
        }
        SensorClock.Reading reading = clock.read(timestamp, now);
        rememberClock(now);
        if (reading.firstAnchor() || reading.reanchoredByMillis() != 0 || reading.wrapped()) {
            out.add(new ClockChanged(reading));
        }
        if (!venue.recentLaps().record(key, reading.timeMillis(), now)) {
            out.add(new Duplicate(key)); // another connection of the venue got there first
            return OptionalLong.empty();
        }
        out.add(new Publish(new Crossing(nextSequence++, controllerId, line, reading.timeMillis(),
                OptionalLong.of(timestamp), flpl, key)));
        return OptionalLong.of(reading.timeMillis());
    }

    private void rememberClock(long now) {
        clock.handover().ifPresent(state -> venue.sensorClocks().remember(sensorAddress, state, now));
    }

    private void completeFlpl(AnalogLap lap, long now, List<SessionOutput> out) {
        PendingPitLeave leave = pending;
        pending = null;
        // the pit exit is numbered before the lap; both are published or neither
        long pitSequence = nextSequence++;
        List<SessionOutput> lapOutputs = new ArrayList<>(2);
        OptionalLong time = timed(Line.FINISH, lap.controllerId(), lap.timestamp(), now, true, lapOutputs);
        if (time.isEmpty()) {
            nextSequence--; // the re-sent lap takes its pit exit with it: nothing was numbered
            out.addAll(lapOutputs);
            return;
        }
        out.add(new Publish(new Crossing(pitSequence, leave.controllerId(), Line.PIT_OUT, time.getAsLong(),
                OptionalLong.empty(), true, null)));
        out.addAll(lapOutputs);
    }

    private void emitPendingAlone(List<SessionOutput> out) {
        PendingPitLeave leave = pending;
        pending = null;
        out.add(new Publish(new Crossing(nextSequence++, leave.controllerId(), Line.PIT_OUT, leave.receivedMillis(),
                OptionalLong.empty(), false, null)));
    }
}
