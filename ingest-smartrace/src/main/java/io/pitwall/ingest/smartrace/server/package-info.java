/**
 * The Netty WebSocket server sensors connect to: the listening ports, the upgrade-request gate (venue
 * by path or port, optional token, connection limit), and the per-connection handler that runs a
 * {@link io.pitwall.ingest.smartrace.session.SensorSession}, publishes what it produces and relays
 * to the bridge.
 */
package io.pitwall.ingest.smartrace.server;
