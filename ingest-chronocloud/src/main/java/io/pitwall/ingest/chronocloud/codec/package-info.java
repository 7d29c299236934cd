/**
 * ChronoCloud 2 on the wire: WebSocket text frames holding JSON PDUs in, {@code bumb-<id>} and
 * {@code pong} out. {@link io.pitwall.ingest.chronocloud.codec.PduDecoder} turns the bytes of one
 * frame into a typed {@link io.pitwall.ingest.chronocloud.codec.ChronoCloudPdu} or a
 * {@link io.pitwall.ingest.chronocloud.codec.PduDecodeError}; {@link
 * io.pitwall.ingest.chronocloud.codec.PduFrameDecoder} and {@link
 * io.pitwall.ingest.chronocloud.codec.ConfirmationEncoder} put it into a Netty pipeline.
 *
 * <p>This package knows nothing of Kafka, venues or keys: times stay as the station wrote them
 * ({@link io.pitwall.ingest.chronocloud.codec.PduTime}), signatures as text plus the exact signed
 * bytes. Interpreting them is the mapping's and the verifier's job.
 */
package io.pitwall.ingest.chronocloud.codec;
