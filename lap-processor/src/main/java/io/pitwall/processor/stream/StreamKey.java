package io.pitwall.processor.stream;

import io.pitwall.events.Passing;
import java.util.Objects;

/**
 * One ordering stream of one venue: a decoder, location, station or sensor connection in one numbering epoch.
 * Sequences are only comparable within a stream key; a source that restarts its numbering bumps the epoch and
 * so starts a new key.
 */
public record StreamKey(String venueId, String streamId, long streamEpoch) {

    public StreamKey {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(streamId, "streamId");
    }

    public static StreamKey of(Passing passing) {
        return new StreamKey(passing.getVenueId(), passing.getStreamId(), passing.getStreamEpoch());
    }

    @Override
    public String toString() {
        return venueId + "/" + streamId + "@" + streamEpoch;
    }
}
