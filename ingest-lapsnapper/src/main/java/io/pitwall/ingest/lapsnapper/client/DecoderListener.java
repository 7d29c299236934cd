package io.pitwall.ingest.lapsnapper.client;

import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import java.time.Instant;

/**
 * What happens on a {@link DecoderConnection}, for whoever turns it into events (the ingest publishes them to
 * Kafka). Called on the connection's event loop: must not block.
 */
public interface DecoderListener {

    /** The handshake succeeded: {@code connection.stream()} is now known. */
    void connected(DecoderConnection connection, ServerInfo info);

    /** The handshake failed (refused, timed out, or the server hung up: a wrong password). */
    void handshakeFailed(DecoderConnection connection, CloseReason reason, String detail);

    /** Heartbeats stopped; {@link #disconnected} follows. */
    void heartbeatLost(DecoderConnection connection, String detail);

    /**
     * A handshaken connection ended, or — once per outage, not on every retry — the server cannot be reached.
     */
    void disconnected(DecoderConnection connection, CloseReason reason, String detail);

    void timeEvent(DecoderConnection connection, TimeEvent event, Instant receivedAt);

    void startMatic(DecoderConnection connection, StartMaticStatus status);

    void clockOffset(DecoderConnection connection, long offsetMillis, long roundTripMillis);

    void decoderTimeUnavailable(DecoderConnection connection);
}
