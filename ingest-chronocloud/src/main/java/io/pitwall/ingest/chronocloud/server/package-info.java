/**
 * The Netty WebSocket server ChronoFly stations connect to: connection limits, optional TLS, the
 * RFC 6455 handshake on the configured path, frame size limits, idle detection, and the handler that
 * feeds each connection's {@link io.pitwall.ingest.chronocloud.session.ChronoFlySession}.
 */
package io.pitwall.ingest.chronocloud.server;
