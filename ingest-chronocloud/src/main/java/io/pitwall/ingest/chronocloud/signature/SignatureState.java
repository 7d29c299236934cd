package io.pitwall.ingest.chronocloud.signature;

import java.util.Locale;

/** The outcome of checking a PDU's signature; {@link #attribute()} is recorded on every event. */
public enum SignatureState {
    /** A key is configured for the station and the signature matches the {@code data} received. */
    VERIFIED,
    /** No key is configured for the station, so nothing was checked (the PDU counts as unsigned). */
    UNSIGNED,
    /** A key is configured and the signature is missing, unreadable or does not match. */
    INVALID;

    /** The value of the {@code signature} attribute and of the metric's {@code result} tag. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
