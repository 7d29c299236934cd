/**
 * The LapSnapper API v5.20 protocol layer: bytes to typed messages and back, nothing about Kafka.
 *
 * <p>Pipeline (see {@link io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec#addTo}):
 * {@link io.pitwall.ingest.lapsnapper.codec.LapSnapperFrameDecoder} cuts the stream at the little-endian length
 * field; {@link io.pitwall.ingest.lapsnapper.codec.LapSnapperMessageDecoder} turns each frame into a
 * {@link io.pitwall.ingest.lapsnapper.codec.DecodeResult} — a
 * {@link io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage} record or a
 * {@link io.pitwall.ingest.lapsnapper.codec.DecodeError} value; {@link
 * io.pitwall.ingest.lapsnapper.codec.LapSnapperMessageEncoder} writes any message as one frame.
 *
 * <p>Error contract: bad content in an intact frame is a {@code DecodeError} and the connection goes on; only a
 * length field over the limit is fatal ({@link io.pitwall.ingest.lapsnapper.codec.LapSnapperFrameTooLongException},
 * then the channel closes), because without a trustworthy length there is no next frame boundary. Passwords and
 * PIN codes never appear in {@code toString()} or in error excerpts.
 */
package io.pitwall.ingest.lapsnapper.codec;
