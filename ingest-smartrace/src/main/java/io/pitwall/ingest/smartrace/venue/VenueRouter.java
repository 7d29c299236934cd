package io.pitwall.ingest.smartrace.venue;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which venue a sensor connection on one listening port belongs to, from the request path.
 * <ul>
 *   <li>Main port ({@link #mainPort}): {@code /venues/{id}} selects any served venue; the root path
 *       {@code /} selects the default venue, so a real sensor that only knows host and port needs no
 *       change.</li>
 *   <li>A venue's own port ({@link #venuePort}): every connection belongs to that venue; a path
 *       {@code /venues/{id}} there must name the same venue.</li>
 * </ul>
 * Anything else is no venue, and the connection is refused with 404. Immutable.
 */
public final class VenueRouter {

    static final String PREFIX = "/venues/";

    private final String rootVenue;
    private final Set<String> named;

    private VenueRouter(String rootVenue, Set<String> named) {
        this.rootVenue = rootVenue;
        this.named = Set.copyOf(named);
    }

    /**
     * @param defaultVenue venue of the root path, or null for none
     * @param served       every venue reachable at {@code /venues/{id}}
     */
    public static VenueRouter mainPort(String defaultVenue, Set<String> served) {
        return new VenueRouter(defaultVenue, served);
    }

    public static VenueRouter venuePort(String venue) {
        Objects.requireNonNull(venue, "venue");
        return new VenueRouter(venue, Set.of(venue));
    }

    /** @param path the decoded request path, without query string */
    public Optional<String> route(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.equals("/")) {
            return Optional.ofNullable(rootVenue);
        }
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = path.substring(PREFIX.length());
        if (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return named.contains(id) ? Optional.of(id) : Optional.empty();
    }
}
