package io.pitwall.ingest.ctp01.config;

import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.Ctp01LineParser;
import io.pitwall.ingest.ctp01.codec.StreamMode;
import io.pitwall.ingest.ctp01.codec.TimeFormat;
import io.pitwall.ingest.ctp01.codec.VenueClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server knows about one venue: where its ChronoTrack clients connect, how they
 * authenticate (user → password; each user belongs to exactly one venue), how their times read and
 * how they stream. Validated by {@link io.pitwall.ingest.ctp01.Ctp01Config#from}.
 *
 * @param port      the TCP port its clients connect to (venues sharing a port share its greeting)
 * @param users     user id → password
 * @param zone      the venue's time zone; needed for {@code iso} and {@code normal} times
 * @param eventDate hour 0 of {@code normal} times
 */
public record VenueConfig(
        String id,
        int port,
        AuthenticationMethod authentication,
        Map<String, Password> users,
        StreamMode streamMode,
        TimeFormat timeFormat,
        ZoneId zone,
        LocalDate eventDate,
        boolean gunTimes,
        boolean pushModeAck,
        int pullBatch,
        Duration pullInterval,
        LineMap lines) {

    public VenueConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authentication, "authentication");
        users = Map.copyOf(users);
        Objects.requireNonNull(streamMode, "streamMode");
        Objects.requireNonNull(timeFormat, "timeFormat");
        Objects.requireNonNull(pullInterval, "pullInterval");
        Objects.requireNonNull(lines, "lines");
    }

    /** What venue-local times need, or empty for {@code unix} (and when the zone is not configured). */
    public Optional<VenueClock> clock() {
        return zone == null ? Optional.empty() : Optional.of(new VenueClock(zone, eventDate));
    }

    /** The parser for this venue's tag event lines. */
    public Ctp01LineParser parser() {
        return clock().map(c -> new Ctp01LineParser(timeFormat, c))
                .orElseGet(() -> Ctp01LineParser.beforeVenueKnown(timeFormat));
    }

    /**
     * The options that go into the greeting, which is sent before the client says who it is: venues
     * sharing a port must agree on them.
     */
    public GreetingSettings greeting() {
        return new GreetingSettings(authentication, streamMode, timeFormat, gunTimes, pushModeAck);
    }

    /** The part of a venue's settings a server greeting is made of. */
    public record GreetingSettings(AuthenticationMethod authentication, StreamMode streamMode, TimeFormat timeFormat,
                                   boolean gunTimes, boolean pushModeAck) {
    }
}
