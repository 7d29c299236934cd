package io.pitwall.ingest.chronocloud.mapping;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which venue each ChronoFly station belongs to. Stations not listed go to the default venue if one
 * is configured; otherwise they are unknown, and their PDUs are refused without confirmation, so the
 * station keeps them until an operator adds it (nothing is lost, nothing lands in a wrong venue).
 */
public final class StationDirectory {

    private final Map<String, String> venueByStation;
    private final String defaultVenue;

    public StationDirectory(Map<String, String> venueByStation, Optional<String> defaultVenue) {
        this.venueByStation = Map.copyOf(venueByStation);
        this.defaultVenue = Objects.requireNonNull(defaultVenue, "defaultVenue").orElse(null);
    }

    public Optional<String> venueOf(String station) {
        String venue = venueByStation.get(station);
        return Optional.ofNullable(venue != null ? venue : defaultVenue);
    }

    /** Whether any station could be accepted at all (a configuration without either is useless). */
    public boolean acceptsAnything() {
        return defaultVenue != null || !venueByStation.isEmpty();
    }
}
