/**
 * The Smartrace Connect WebSocket protocol as typed messages: JSON text in, {@link
 * io.pitwall.ingest.smartrace.codec.SensorMessage}s out ({@link
 * io.pitwall.ingest.smartrace.codec.SmartraceDecoder}), {@link
 * io.pitwall.ingest.smartrace.codec.ServerMessage}s in, JSON text out ({@link
 * io.pitwall.ingest.smartrace.codec.SmartraceEncoder}), and the Netty handler between WebSocket text
 * frames and those messages ({@link io.pitwall.ingest.smartrace.codec.SmartraceFrameCodec}).
 *
 * <p>Knows nothing of Kafka, venues or time anchoring. Readings of the protocol it commits to (from the
 * Smartrace document and the project's protocol notes):
 * <ul>
 *   <li>Messages are JSON objects {@code {"type": ..., "data": ...}}; spacing and key order vary
 *       between sensors, so everything is parsed, never string-matched.</li>
 *   <li>{@code controller_set.data.controller_id} is a string ({@code "Z"} = analog lap sensor);
 *       {@code analog_lap.data.controller_id} and {@code timestamp} are numbers. A value of the other
 *       JSON type is an error, not guessed at.</li>
 *   <li>{@code analog_pit_enter} / {@code analog_pit_leave} carry no timestamp; one is accepted when a
 *       sensor sends it.</li>
 *   <li>{@code race_control} carries its command (start, stop, vsc, esc) as {@code data.value}; a plain
 *       string {@code data} (the shape of the server's {@code update_event_status}) is accepted too.</li>
 *   <li>{@code update_event_status} and {@code update_vsc_status} carry a plain string as {@code data}.</li>
 * </ul>
 */
package io.pitwall.ingest.smartrace.codec;
