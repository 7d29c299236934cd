/**
 * A LapSnapper API v5.20 socket server for tests, demos and soak runs: {@link
 * io.pitwall.simulator.lapsnapper.LapSnapperSimulator} (start, {@code publish} passings, inspect what clients
 * sent), {@link io.pitwall.simulator.lapsnapper.LapSnapperFaults} (runtime misbehaviour) and {@link
 * io.pitwall.simulator.lapsnapper.LapSnapperSimulatorCommand} (standalone CLI).
 *
 * <p>Its framing and JSON are written from the API document independently of the ingest codec on purpose: the
 * two implementations check each other, and this module must not depend on ingest modules (they depend on it
 * for their tests).
 */
package io.pitwall.simulator.lapsnapper;
