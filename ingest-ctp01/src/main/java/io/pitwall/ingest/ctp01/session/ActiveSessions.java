package io.pitwall.ingest.ctp01.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identified connection of each ChronoTrack client (venue + connection id). A client has one
 * link: when it connects again while the server still holds its previous connection (a half-open
 * TCP link the server has not noticed dying), the new connection wins and the old one is closed, so
 * two connections never feed the same streams.
 */
public final class ActiveSessions {

    private record ClientKey(String venue, String connectionId) {
    }

    private final Map<ClientKey, Ctp01Session> sessions = new ConcurrentHashMap<>();

    /** Registers {@code session}; returns the connection it replaces, which the caller closes. */
    Optional<Ctp01Session> register(String venue, String connectionId, Ctp01Session session) {
        Ctp01Session previous = sessions.put(new ClientKey(venue, connectionId), session);
        return previous == null || previous == session ? Optional.empty() : Optional.of(previous);
    }

    void remove(String venue, String connectionId, Ctp01Session session) {
        sessions.remove(new ClientKey(venue, connectionId), session);
    }

    /** Identified connections now open. */
    public int size() {
        return sessions.size();
    }
}
