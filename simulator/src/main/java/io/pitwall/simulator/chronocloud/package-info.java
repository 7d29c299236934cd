/**
 * A ChronoFly station for tests, demos and soak runs, speaking ChronoCloud 2 to a WebSocket server:
 * {@link io.pitwall.simulator.chronocloud.ChronoFlySimulator} (feed it passings, change rounds, report
 * malfunctions, drop the connection, inspect what was confirmed) and
 * {@link io.pitwall.simulator.chronocloud.ChronoFlySimulatorCommand} (standalone CLI).
 *
 * <p>Written from the ChronoCloud 2 document and the project's protocol notes, independently of the
 * ingest codec on purpose: the two implementations check each other, and this module must not depend
 * on ingest modules (they depend on it for their tests). No public ChronoFly sender exists, so where
 * the document is silent the behaviour chosen here is written down in {@link
 * io.pitwall.simulator.chronocloud.ChronoFlySimulator}.
 */
package io.pitwall.simulator.chronocloud;
