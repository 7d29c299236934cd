package io.pitwall.simulator.lapsnapper;

/** What the simulator did with a frame a client sent. */
public enum CommandOutcome {
    /** Understood and carried out (including a successful handshake). */
    ACCEPTED,
    /** Handshake with the wrong password. */
    WRONG_PASSWORD,
    /** Handshake asking for a server version the simulator is not. */
    UNSUPPORTED_VERSION,
    /** Remote control with the wrong PIN code: rejected. */
    WRONG_PIN,
    /** Anything but a handshake before the handshake: the client is disconnected (API 5.1 step 2c). */
    NOT_HANDSHAKEN,
    /** Not JSON, not an object, header wrong or a required field missing: the client is disconnected. */
    MALFORMED,
    /** An id the server does not accept from clients: the client is disconnected. */
    UNEXPECTED_MESSAGE
}
