package io.pitwall.processor.timing.lap;

import io.pitwall.events.Passing;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of a passing inside one venue: (streamId, streamEpoch, sequence). Two passings with the same
 * key are the same physical read, however often it was delivered.
 */
public record PassingKey(String streamId, long streamEpoch, long sequence) implements Comparable<PassingKey> {

    private static final Comparator<PassingKey> ORDER = Comparator.comparing(PassingKey::streamId)
            .thenComparingLong(PassingKey::streamEpoch)
            .thenComparingLong(PassingKey::sequence);

    public PassingKey {
        Objects.requireNonNull(streamId, "streamId");
    }

    public static PassingKey of(Passing passing) {
        return new PassingKey(passing.getStreamId(), passing.getStreamEpoch(), passing.getSequence());
    }

    @Override
    public int compareTo(PassingKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return streamId + "/" + streamEpoch + "#" + sequence;
    }
}
