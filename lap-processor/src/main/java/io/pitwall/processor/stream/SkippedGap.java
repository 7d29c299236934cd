package io.pitwall.processor.stream;

/** Sequences {@code [fromSequence, toSequence)} of a stream given up on after the reorder delay. */
public record SkippedGap(StreamKey stream, long fromSequence, long toSequence) {

    public long size() {
        return toSequence - fromSequence;
    }
}
