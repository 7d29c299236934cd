package io.pitwall.ingest.smartrace.codec;

/** What one text frame from a sensor decodes to: a {@link SensorMessage} or a {@link DecodeError}. */
public sealed interface Inbound permits SensorMessage, DecodeError {
}
