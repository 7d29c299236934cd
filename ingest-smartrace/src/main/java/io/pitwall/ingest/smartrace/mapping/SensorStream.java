package io.pitwall.ingest.smartrace.mapping;

import java.util.Objects;

/**
 * The ordering stream of one sensor connection: {@code (venueId, streamId, streamEpoch)}.
 *
 * <p>Why per connection: the sequence is a per-connection counter that restarts at 1 on every
 * connection, so each connection must be a stream of its own, or the lap-processor, which dedupes on
 * (venue, streamId, streamEpoch, sequence), would take lap 1 of a new connection for lap 1 of the old
 * one. {@code streamId} names the sensor's address as seen by the ingest ({@code <venue>/<ip>:<port>},
 * readable in logs and decoder status), and {@code streamEpoch} is the moment the connection was
 * accepted in ms since the epoch, strictly increasing within an instance ({@link StreamEpochs}), so no
 * two connections ever share (streamId, streamEpoch) — not after a reconnect from the same port, not
 * after an ingest restart.
 */
public record SensorStream(String venueId, String streamId, long streamEpoch) {

    public SensorStream {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(streamId, "streamId");
    }

    /** The stream of a connection from {@code remoteHost:remotePort} to {@code venueId}. */
    public static SensorStream of(String venueId, String remoteHost, int remotePort, long epoch) {
        return new SensorStream(venueId, venueId + "/" + remoteHost + ":" + remotePort, epoch);
    }

    @Override
    public String toString() {
        return streamId + "@" + streamEpoch;
    }
}
