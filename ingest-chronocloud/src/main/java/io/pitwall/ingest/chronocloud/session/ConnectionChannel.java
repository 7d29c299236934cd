package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.chronocloud.codec.Confirmation;
import java.util.concurrent.Executor;

/** What a session needs of its connection; in the server a Netty channel. */
public interface ConnectionChannel {

    /** Sends a confirmation; called on {@link #executor()}. */
    void write(Confirmation confirmation);

    /** The connection's event loop: every session method runs there. */
    Executor executor();

    /** The peer, for logs and the CONNECTED status. */
    String remoteAddress();

    /** Closes the connection; the session hears about it through {@code ChronoFlySession.closed}. */
    void close(String reason);
}
