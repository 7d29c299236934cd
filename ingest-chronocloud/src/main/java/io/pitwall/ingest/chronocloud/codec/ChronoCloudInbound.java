package io.pitwall.ingest.chronocloud.codec;

/** What one inbound text frame decodes to: a PDU, or an error the session counts and logs. */
public sealed interface ChronoCloudInbound permits ChronoCloudPdu, PduDecodeError {
}
