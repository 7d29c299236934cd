package io.pitwall.ingest.lapsnapper.stream;

import java.util.Objects;

/**
 * Identifies one LapSnapper ordering stream: the decoder of a venue, by the device id the server reports in its
 * 6001 handshake answer. Two LapSnapper PCs at one venue with different decoders are two streams; the same decoder
 * reached again after a reconnect is the same stream.
 *
 * @param venueId  the venue
 * @param deviceId {@code decoderInfo.deviceID} of 6001
 */
public record StreamKey(String venueId, int deviceId) {

    public StreamKey {
        Objects.requireNonNull(venueId, "venueId");
    }

    /** {@code Passing.streamId} / {@code DecoderStatus.streamId}: {@code <venue>/decoder-<deviceId>}. */
    public String streamId() {
        return venueId + "/decoder-" + deviceId;
    }

    /**
     * Key in {@code pitwall.ingest-offsets}, following the catalogue's {@code venue/connection/location} shape:
     * {@code <venue>/lapsnapper/<deviceId>}.
     */
    public String storeKey() {
        return venueId + "/lapsnapper/" + deviceId;
    }

    @Override
    public String toString() {
        return streamId();
    }
}
