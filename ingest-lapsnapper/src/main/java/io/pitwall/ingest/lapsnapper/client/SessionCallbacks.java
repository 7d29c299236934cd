package io.pitwall.ingest.lapsnapper.client;

import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import java.time.Instant;

/** What a {@link DecoderSession} reports to its connection; all calls come on the channel's event loop. */
interface SessionCallbacks {

    void handshakeSucceeded(DecoderSession session, ServerInfo info);

    void timeEvent(TimeEvent event, Instant receivedAt);

    void startMatic(StartMaticStatus status);

    /** @param offsetMillis decoder clock minus local clock; @param roundTripMillis request to answer */
    void decoderTime(long offsetMillis, long roundTripMillis);

    void decoderTimeFailed();

    /** The session ended; called exactly once per session, after the channel closed. */
    void sessionClosed(DecoderSession session, boolean wasReady, CloseReason reason, String detail);
}
