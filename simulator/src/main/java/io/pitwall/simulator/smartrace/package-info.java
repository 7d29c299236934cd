/**
 * A Smartrace lap sensor written from the Smartrace WebSocket document and the project's protocol
 * notes alone, for testing Pitwall's Smartrace ingest (which plays Smartrace Connect). It shares no
 * code with the ingest's codec on purpose: two independent readings of the document cross-check each
 * other.
 *
 * <p>{@link io.pitwall.simulator.smartrace.SmartraceSensor} is the sensor: the caller (a test, a race
 * generator, {@link io.pitwall.simulator.smartrace.SmartraceSensorCommand}) feeds it crossings with
 * {@code lap}, {@code pitEnter}, {@code pitLeave}; it sends them the way real sensors do:
 * <ul>
 *   <li>{@link io.pitwall.simulator.smartrace.SensorStyle#MICROCONTROLLER}: timestamps are milliseconds
 *       since boot, wrapping at 2^30 or 2^32 ({@link io.pitwall.simulator.smartrace.SensorCounter});
 *       after a reconnect the last two laps are sent again;
 *       {@link io.pitwall.simulator.smartrace.SensorStyle#PHONE}: epoch milliseconds, possibly off by a
 *       clock error, no re-send.</li>
 *   <li>Handshake {@code api_version} then {@code controller_set "Z"}, or {@code controller_set}
 *       straight away ({@code skipApiVersion}).</li>
 *   <li>Compact JSON as in the document, or spaced JSON with another key order
 *       ({@link io.pitwall.simulator.smartrace.JsonStyle}).</li>
 *   <li>FLPL mode: leaving the pit lane through the finish line sends {@code analog_pit_leave} and
 *       {@code analog_lap} for the one crossing.</li>
 *   <li>While disconnected, only the lap history is kept (what a microcontroller re-sends); other
 *       messages are lost, as on the real hardware.</li>
 * </ul>
 */
package io.pitwall.simulator.smartrace;
