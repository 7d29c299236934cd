package io.pitwall.ingest.lapsnapper.client;

/** Why a LapSnapper connection ended; decides what is reported (handshake failure, heartbeat loss, drop). */
public enum CloseReason {
    /** The server answered the handshake with 6002 "Server Information Failed". */
    HANDSHAKE_REFUSED,
    /** The server did not answer the handshake in time. */
    HANDSHAKE_TIMEOUT,
    /** The server closed the connection: during the handshake this is how LapSnapper rejects a wrong password. */
    SERVER_CLOSED,
    /** Heartbeats stopped while the connection looked open. */
    HEARTBEAT_LOST,
    /** A frame header declared a payload over the limit; the stream cannot be re-synchronised. */
    FRAME_TOO_LONG,
    /** A network error (reset, unreachable). */
    IO_ERROR,
    /** The ingest is shutting down. */
    STOPPED
}
