package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.chronocloud.codec.Confirmation;

/** A connection waiting to confirm a PDU once it is settled. Called on the publisher's thread: hop, do not block. */
@FunctionalInterface
public interface ConfirmationListener {

    /** @param durable true when Kafka acknowledged the record, false when it will not be written */
    void settled(Confirmation confirmation, boolean durable);
}
