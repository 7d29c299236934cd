package io.pitwall.ingest.chronocloud.mapping;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link VenueClock} of every venue: its own zone and date if configured, else the defaults. */
public final class VenueClocks {

    private final ZoneId defaultZone;
    private final Map<String, ZoneId> zones;
    private final Map<String, LocalDate> dates;
    private final Map<String, VenueClock> clocks = new ConcurrentHashMap<>();

    public VenueClocks(ZoneId defaultZone, Map<String, ZoneId> zones, Map<String, LocalDate> dates) {
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.zones = Map.copyOf(zones);
        this.dates = Map.copyOf(dates);
    }

    public static VenueClocks of(ZoneId zone) {
        return new VenueClocks(zone, Map.of(), Map.of());
    }

    public VenueClock forVenue(String venue) {
        // venues come from configuration, so this cache is bounded by it
        return clocks.computeIfAbsent(venue, v -> new VenueClock(zones.getOrDefault(v, defaultZone),
                Optional.ofNullable(dates.get(v))));
    }
}
