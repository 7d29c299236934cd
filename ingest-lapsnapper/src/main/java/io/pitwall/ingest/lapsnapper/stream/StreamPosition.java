package io.pitwall.ingest.lapsnapper.stream;

import java.util.Objects;

/**
 * What the ingest must remember about a stream across its own restarts to keep {@code streamEpoch} stable: the
 * current epoch and the highest {@code timeStampID} seen in it, with that event's time.
 *
 * @param key               the stream
 * @param epoch             the {@code streamEpoch} in use (milliseconds since the Unix epoch at which the ingest saw
 *                          this numbering run begin)
 * @param highestSequence   the highest {@code timeStampID} seen in this epoch
 * @param highestTimeMillis the {@code absoluteTime} of that event, decoder clock, ms
 */
public record StreamPosition(StreamKey key, long epoch, long highestSequence, long highestTimeMillis) {

    public StreamPosition {
        Objects.requireNonNull(key, "key");
    }
}
