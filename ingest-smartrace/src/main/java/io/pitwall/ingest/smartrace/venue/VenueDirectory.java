package io.pitwall.ingest.smartrace.venue;

import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.ingest.smartrace.session.RecentLaps;
import io.pitwall.ingest.smartrace.session.SensorClocks;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The venues this instance serves, fixed at startup. Thread-safe (immutable map of thread-safe states). */
public final class VenueDirectory {

    /** Laps remembered per venue for re-send detection: hours of a busy slot-car race. */
    static final int RECENT_LAPS_PER_VENUE = 4096;
    /** Sensors (addresses) whose last clock is kept per venue. */
    static final int SENSOR_CLOCKS_PER_VENUE = 1024;

    private final Map<String, VenueState> venues;

    public VenueDirectory(Set<String> venueIds, ControllerDataMapper controllerMapper, Duration dedupeWindow) {
        Map<String, VenueState> map = new LinkedHashMap<>();
        for (String id : venueIds) {
            // a sensor's clock is continued across reconnects for as long as its re-sent laps are recognised
            map.put(id, new VenueState(id, controllerMapper, new RecentLaps(dedupeWindow, RECENT_LAPS_PER_VENUE),
                    new SensorClocks(dedupeWindow, SENSOR_CLOCKS_PER_VENUE)));
        }
        this.venues = Map.copyOf(map);
    }

    public Optional<VenueState> venue(String venueId) {
        return Optional.ofNullable(venues.get(venueId));
    }

    public Set<String> venueIds() {
        return venues.keySet();
    }

    public Collection<VenueState> all() {
        return venues.values();
    }

    /** The control feed has caught up with Kafka. */
    public void goLive() {
        venues.values().forEach(VenueState::goLive);
    }
}
