package io.pitwall.ingest.ctp01.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One TCP port and the venues served on it. A CTP01 server greets a client with its request options
 * (authentication method, stream mode, time format ...) before the client names its user, so every
 * venue on one port shares one greeting; when several venues share a port the user that authenticates
 * picks the venue, so such a port requires authentication.
 */
public record Listener(int port, List<VenueConfig> venues) {

    /** A user of one of this port's venues. */
    public record Account(VenueConfig venue, Password password) {
    }

    public Listener {
        venues = List.copyOf(venues);
        if (venues.isEmpty()) {
            throw new IllegalArgumentException("a listener serves at least one venue");
        }
    }

    /** The greeting every client of this port gets. */
    public VenueConfig.GreetingSettings greeting() {
        return venues.get(0).greeting();
    }

    /** The venue of an unauthenticated connection: only when the port serves exactly one. */
    public Optional<VenueConfig> onlyVenue() {
        return venues.size() == 1 ? Optional.of(venues.get(0)) : Optional.empty();
    }

    public Optional<Account> account(String user) {
        Objects.requireNonNull(user, "user");
        for (VenueConfig venue : venues) {
            Password password = venue.users().get(user);
            if (password != null) {
                return Optional.of(new Account(venue, password));
            }
        }
        return Optional.empty();
    }
}
