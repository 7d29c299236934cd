package io.pitwall.ingest.smartrace.server;

import io.pitwall.ingest.smartrace.session.SensorSession;
import io.pitwall.ingest.smartrace.venue.SensorToken;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the sensor server listens.
 *
 * @param bindAddress     interface to listen on
 * @param port            main port (0 = any free port)
 * @param venuePorts      extra ports, each serving one venue (0 = any free port)
 * @param defaultVenue    venue of the root path on the main port, or null
 * @param pathVenues      venues reachable at {@code /venues/{id}} on the main port
 * @param token           the token sensors must present, if any
 * @param maxMessageBytes longest WebSocket message accepted
 * @param pingInterval    ping a sensor after this long without writing to it (zero: never)
 * @param idleTimeout     close a sensor connection after this long without reading (zero: never)
 * @param maxConnections  sensor connections accepted at once, over all ports
 * @param workerThreads   event loop threads for sensor (and bridge) connections
 * @param session         protocol settings of every connection
 */
public record ServerSettings(String bindAddress, int port, Map<String, Integer> venuePorts, String defaultVenue,
        Set<String> pathVenues, Optional<SensorToken> token, int maxMessageBytes, Duration pingInterval,
        Duration idleTimeout, int maxConnections, int workerThreads, SensorSession.Settings session) {

    public ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        venuePorts = Map.copyOf(venuePorts);
        pathVenues = Set.copyOf(pathVenues);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(session, "session");
    }
}
