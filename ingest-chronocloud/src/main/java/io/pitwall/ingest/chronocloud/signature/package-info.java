/**
 * ChronoCloud 2 signatures: per-station RSA public keys ({@link
 * io.pitwall.ingest.chronocloud.signature.StationKeys}) and the SHA1withRSA check of a PDU's
 * {@code data} ({@link io.pitwall.ingest.chronocloud.signature.SignatureVerifier}).
 */
package io.pitwall.ingest.chronocloud.signature;
