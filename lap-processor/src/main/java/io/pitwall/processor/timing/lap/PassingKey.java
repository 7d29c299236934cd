package io.pitwall.processor.timing.lap;

import io.pitwall.events.Passing;
import java.util.Objects;

/**
 * Identity of a passing inside one venue: (streamId, streamEpoch, sequence). Two passings with the same
 * key are the same physical read, however often it was delivered.
 */
public record PassingKey(String streamId, long streamEpoch, long sequence) implements Comparable<PassingKey> {

    public PassingKey {
        Objects.requireNonNull(streamId, "streamId");
    }

    public static PassingKey of(Passing passing) {
        return new PassingKey(passing.getStreamId(), passing.getStreamEpoch(), passing.getSequence());
    }

    @Override
    public int compareTo(PassingKey other) {
        // by hand rather than a comparator chain: it runs for every crossing inserted into a car's timeline
        int byStream = streamId.compareTo(other.streamId);
        if (byStream != 0) {
            return byStream;
        }
        int byEpoch = Long.compare(streamEpoch, other.streamEpoch);
        return byEpoch != 0 ? byEpoch : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return streamId + "/" + streamEpoch + "#" + sequence;
    }
}
