package io.pitwall.ingest.smartrace.venue;

import io.pitwall.events.Flag;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.ingest.smartrace.mapping.RaceStatus;
import io.pitwall.ingest.smartrace.session.RecentLaps;
import io.pitwall.ingest.smartrace.session.SensorClocks;
import io.pitwall.ingest.smartrace.session.SensorSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One venue as its sensors see it: controller data from the current session's entry list, the race
 * status from race control, the venue's recently seen laps and its sensors' last clocks. Updated by the {@link ControlFeed}
 * thread, read by the connections' event loops; changes are pushed to the connected sensors' {@link
 * Listener}s once the feed has caught up with Kafka (so replaying history at startup does not flash
 * old statuses on the sensors).
 */
public final class VenueState implements SensorSession.VenueView {

    /** A connected sensor of this venue. Called on the feed thread: hop to the connection's event loop. */
    public interface Listener {
        void push(List<ServerMessage> messages);
    }

    private final String venueId;
    private final ControllerDataMapper controllerMapper;
    private final RecentLaps recentLaps;
    private final SensorClocks sensorClocks;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    private volatile ControllerData controllerData;
    private volatile RaceStatus status = RaceStatus.UNKNOWN;
    // feed thread only
    private String sessionId;
    private Instant sessionUpdatedAt;
    private boolean live;

    public VenueState(String venueId, ControllerDataMapper controllerMapper, RecentLaps recentLaps,
            SensorClocks sensorClocks) {
        this.venueId = Objects.requireNonNull(venueId, "venueId");
        this.controllerMapper = Objects.requireNonNull(controllerMapper, "controllerMapper");
        this.recentLaps = Objects.requireNonNull(recentLaps, "recentLaps");
        this.sensorClocks = Objects.requireNonNull(sensorClocks, "sensorClocks");
        this.controllerData = controllerMapper.unassigned();
    }

    public String venueId() {
        return venueId;
    }

    @Override
    public ControllerData controllerData() {
        return controllerData;
    }

    @Override
    public List<ServerMessage> currentStatus() {
        return status.messages();
    }

    @Override
    public RecentLaps recentLaps() {
        return recentLaps;
    }

    @Override
    public SensorClocks sensorClocks() {
        return sensorClocks;
    }

    public RaceStatus status() {
        return status;
    }

    /** The flag race control last set, for the sensor's VSC toggle. */
    public Flag currentFlag() {
        return status.flag();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The venue's session configuration was written (feed thread). */
    public synchronized void apply(SessionConfig config) {
        ControllerData newData = controllerMapper.controllerData(config.getEntries());
        boolean dataChanged = !newData.equals(controllerData);
        controllerData = newData;
        RaceStatus before = status;
        if (!config.getSessionId().equals(sessionId)) {
            sessionId = config.getSessionId();
            status = RaceStatus.NEW_SESSION;
        }
        sessionUpdatedAt = config.getUpdatedAt();
        if (live) {
            List<ServerMessage> changes = new ArrayList<>();
            if (dataChanged) {
                changes.add(newData);
            }
            changes.addAll(status.changesSince(before));
            notifyListeners(changes);
        }
    }

    /** Race control acted at the venue (feed thread). */
    public synchronized void apply(SessionControl control) {
        if (control.getSessionId() != null && sessionId != null && !control.getSessionId().equals(sessionId)) {
            return; // about another session
        }
        if (sessionUpdatedAt != null && control.getAt().isBefore(sessionUpdatedAt)) {
            return; // from before the current session was configured, as the lap-processor sees it
        }
        RaceStatus before = status;
        status = status.apply(control);
        if (live) {
            notifyListeners(status.changesSince(before));
        }
    }

    /** The feed has caught up: from now on changes are pushed; connected sensors get the state now. */
    public synchronized void goLive() {
        if (live) {
            return;
        }
        live = true;
        List<ServerMessage> state = new ArrayList<>();
        state.add(controllerData);
        state.addAll(status.messages());
        notifyListeners(state);
    }

    private void notifyListeners(List<ServerMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<ServerMessage> copy = List.copyOf(messages);
        for (Listener listener : listeners) {
            listener.push(copy);
        }
    }
}
