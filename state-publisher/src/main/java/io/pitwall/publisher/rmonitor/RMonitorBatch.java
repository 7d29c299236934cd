package io.pitwall.publisher.rmonitor;

import io.netty.buffer.ByteBuf;

/**
 * Records to send to every RMonitor receiver, encoded once.
 *
 * @param bytes         CR LF terminated records, ISO-8859-1; shared, so each client writes a retained duplicate
 * @param version       the model version these records lead to; a client already past it skips them
 * @param receivedNanos when the state behind them was read from Kafka (0 for heartbeats)
 * @param heartbeat     a {@code $F} that belongs to no version and goes to every client in sync
 */
record RMonitorBatch(ByteBuf bytes, long version, long receivedNanos, boolean heartbeat) {
}
