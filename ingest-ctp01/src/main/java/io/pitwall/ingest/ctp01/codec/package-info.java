/**
 * The ChronoTrack Socket Protocol 1 (CTP01) on the wire, server side: bytes to typed messages and
 * typed messages to bytes. Nothing here knows about Kafka, sessions or resume state.
 *
 * <p>Inbound: {@link io.pitwall.ingest.ctp01.codec.Ctp01Codec#install} puts a CR LF line framer
 * ({@code LineBasedFrameDecoder}) and {@link io.pitwall.ingest.ctp01.codec.Ctp01LineDecoder} in
 * the pipeline. Every line becomes either a {@link io.pitwall.ingest.ctp01.codec.Ctp01Message} or a
 * {@link io.pitwall.ingest.ctp01.codec.Ctp01DecodeError}; decode errors are values so the session
 * can count them and carry on. The only fatal condition is a line longer than the configured
 * maximum, signalled as {@link io.pitwall.ingest.ctp01.codec.Ctp01LineTooLongException} through
 * {@code exceptionCaught}; the handler that owns the session closes the channel, and the decoder
 * emits nothing after it.
 *
 * <p>Decisions where the protocol document is silent:
 * <ul>
 *   <li>Bytes must be UTF-8. A line that is not is rejected as
 *       {@link io.pitwall.ingest.ctp01.codec.Ctp01DecodeError.Kind#INVALID_ENCODING} rather than
 *       repaired with U+FFFD: a location name is echoed back in {@code start~loc~seq} and
 *       {@code getdata}, and a repaired name would never match the client's again, silently
 *       breaking resume. A rejected line is counted and visible.</li>
 *   <li>A bare LF also ends a line (the document says CR LF); a CR not followed by LF stays in the
 *       line and makes it fail as a control character.</li>
 *   <li>Times are parsed with the format the server asked for in its greeting; a time in another
 *       format is an error, never reinterpreted.</li>
 * </ul>
 */
package io.pitwall.ingest.ctp01.codec;
