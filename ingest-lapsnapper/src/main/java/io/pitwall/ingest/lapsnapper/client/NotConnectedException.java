package io.pitwall.ingest.lapsnapper.client;

/** A message for the LapSnapper server could not be sent because no handshaken connection exists right now. */
public final class NotConnectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotConnectedException(String message) {
        super(message, null, false, false);
    }
}
