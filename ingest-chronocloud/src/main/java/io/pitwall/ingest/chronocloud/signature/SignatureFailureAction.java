package io.pitwall.ingest.chronocloud.signature;

/** What to do with a PDU whose signature fails against the station's configured key. */
public enum SignatureFailureAction {
    /**
     * Neither publish nor confirm it. The station keeps it and re-sends it every cycle, so if the
     * fault is a wrong key in the configuration, nothing is lost once the key is fixed.
     */
    REJECT,
    /** Publish and confirm it, marked {@code signature=invalid} with the reason. */
    FLAG
}
