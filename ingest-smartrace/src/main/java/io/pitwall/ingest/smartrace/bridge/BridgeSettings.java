package io.pitwall.ingest.smartrace.bridge;

import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where each venue's sensors are bridged to.
 *
 * @param upstreams  the Smartrace Connect of each venue
 * @param fallback   the Smartrace Connect of venues without their own entry, or null
 * @param bufferLimit sensor frames kept while the upstream is down, replayed when it is back
 * @param backoff    a fresh reconnect backoff per upstream link
 * @param pingInterval WebSocket ping to the upstream after this long without writing (zero: never)
 * @param idleTimeout  close the upstream after this long without reading (zero: never)
 */
public record BridgeSettings(Map<String, URI> upstreams, URI fallback, int bufferLimit,
        Supplier<ReconnectBackoff> backoff, Duration pingInterval, Duration idleTimeout) {

    public BridgeSettings {
        upstreams = Map.copyOf(upstreams);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (bufferLimit < 0) {
            throw new IllegalArgumentException("bufferLimit must be >= 0");
        }
    }

    /** The Smartrace Connect the sensors of {@code venue} are bridged to, if any. */
    public Optional<URI> upstreamFor(String venue) {
        URI uri = upstreams.get(venue);
        return Optional.ofNullable(uri != null ? uri : fallback);
    }

    public boolean enabled() {
        return fallback != null || !upstreams.isEmpty();
    }
}
