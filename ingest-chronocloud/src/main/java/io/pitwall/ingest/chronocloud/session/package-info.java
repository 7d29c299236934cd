/**
 * The ChronoFly side of one connection: what to publish, what to confirm and when.
 *
 * <ul>
 *   <li>{@link io.pitwall.ingest.chronocloud.session.ChronoFlySession}: the per-connection state
 *       machine — identify the station, check its signature, dedupe, publish, confirm after Kafka
 *       acknowledged.</li>
 *   <li>{@link io.pitwall.ingest.chronocloud.session.PassingLedger}: which passings of which
 *       (station, competition, round) are stored or on their way, shared by all connections, so a
 *       passing re-sent on a new connection is recognised.</li>
 *   <li>{@link io.pitwall.ingest.chronocloud.session.ConfirmationGate}: writes a confirmation only
 *       when every PDU of the connection it could refer to is durable.</li>
 * </ul>
 */
package io.pitwall.ingest.chronocloud.session;
