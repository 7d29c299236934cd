package io.pitwall.ingest.chronocloud.server;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the WebSocket server listens.
 *
 * @param path        WebSocket path; requests whose path starts with it are accepted ({@code /} = any)
 * @param ioThreads   event-loop threads; 0 = one per available processor
 */
public record ServerSettings(String bindAddress, int port, String path, int maxFrameBytes, int maxConnections,
        int maxConnectionsPerAddress, Duration idleTimeout, Duration handshakeTimeout, int ioThreads,
        Optional<SslContext> tls) {

    public ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(tls, "tls");
    }
}
