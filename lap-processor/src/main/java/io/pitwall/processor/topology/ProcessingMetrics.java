package io.pitwall.processor.topology;

import io.pitwall.events.LapEventKind;

/**
 * What the topology counts, for the service to expose (Micrometer in the service, nothing in tests). Called
 * from stream threads: implementations must be thread-safe and cheap.
 */
public interface ProcessingMetrics {

    /** Counts nothing. */
    ProcessingMetrics NONE = new ProcessingMetrics() {
    };

    /** Passings dropped because the same (venue, stream, epoch, sequence) had been seen. */
    default void duplicatesDropped(int count) {
    }

    /** A gap in a stream's sequence given up on after {@code reorder.max-delay}, with the number of passings missing. */
    default void gapSkipped(long missingPassings) {
    }

    /** Passings that arrived after their gap had been skipped (inserted into the timeline, laps recomputed). */
    default void latePassings(int count) {
    }

    /** Change in the number of ghost reads the timing model ignores (a late passing may lower it). */
    default void ghostReads(int delta) {
    }

    /** A lap event that corrects or deletes a lap published before. */
    default void lapCorrected(LapEventKind kind) {
    }

    /** A Timing71 state was published: for a change, or ({@code tick}) only because the session clock moved on. */
    default void statePublished(boolean tick) {
    }

    /**
     * A readable input made the timing engine fail: it was dead-lettered and its venue's session rolled back to
     * before it. Also counts as a dead letter of {@code sourceTopic}.
     */
    default void engineFailed(String sourceTopic) {
    }

    /** A replaced session's Timing71 state and manifest were tombstoned. */
    default void sessionRemoved() {
    }
}
