package io.pitwall.publisher.fanout;

import java.util.Locale;

/** How a subscriber is connected; the metrics tag. */
public enum Transport {
    /** Timing71 command-line server protocol over WebSocket (also what the live timing page uses). */
    T71,
    /** Server-Sent Events. */
    SSE,
    /** RMonitor / AMB results protocol over TCP. */
    RMONITOR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
