/**
 * A ChronoTrack CTP01 client written from the protocol document alone, for testing Pitwall's CTP01
 * ingest (which is the TCP server). It shares no code with the ingest's codec on purpose: two
 * independent readings of the document cross-check each other.
 *
 * <p>{@link io.pitwall.simulator.ctp01.ChronoTrackBox} is the simulated timing box: its locations
 * and their numbered tag events, fed by the caller ({@code observe}) or a race generator. {@link
 * io.pitwall.simulator.ctp01.ChronoTrackClient} connects that box to a server, obeys the server's
 * request options and commands, and can misbehave on demand through {@link
 * io.pitwall.simulator.ctp01.Ctp01Faults}.
 *
 * <p>Readings of the document this simulator commits to:
 * <ul>
 *   <li>Sequence numbers are per location, from 1, shared by observations and gun times (the
 *       document's push example gives a gun time sequence 4 at {@code start}).</li>
 *   <li>Gun times are always part of {@code getdata} answers (the pull example contains one);
 *       {@code guntimes=true} only governs push mode, where a skipped gun time leaves a gap in the
 *       sequence.</li>
 *   <li>A new-location event is an announcement, not part of any stream: its sequence field is the
 *       location's ordinal number on the box, so a re-announcement after a reconnect is the same
 *       line.</li>
 *   <li>Options not sent by the server take the newest revision's defaults:
 *       {@code location=single}, {@code stream-mode=pull}; in single mode only the box's first
 *       location is offered.</li>
 *   <li>{@code start~loc~seq} and {@code getdata~n~loc~seq} include {@code seq} itself.</li>
 * </ul>
 */
package io.pitwall.simulator.ctp01;
