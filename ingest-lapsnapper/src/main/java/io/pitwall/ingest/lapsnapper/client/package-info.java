/**
 * The TCP client side of LapSnapper API v5.20: {@link io.pitwall.ingest.lapsnapper.client.DecoderConnection}
 * (connect, reconnect with backoff, send remote control) and, per channel,
 * {@link io.pitwall.ingest.lapsnapper.client.DecoderSession} (handshake, heartbeat watchdog, decoder time, decode
 * errors). Nothing here knows Kafka: what happens is reported to a
 * {@link io.pitwall.ingest.lapsnapper.client.DecoderListener}.
 */
package io.pitwall.ingest.lapsnapper.client;
