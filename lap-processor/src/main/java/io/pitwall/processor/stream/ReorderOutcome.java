package io.pitwall.processor.stream;

import io.pitwall.events.Passing;
import java.util.List;

/**
 * What the reorder buffer did with an input or a tick of the clock.
 *
 * @param forwarded   passings to process now, in stream order
 * @param duplicates  passings dropped because they had been seen
 * @param late        forwarded passings that filled a gap already skipped (the timing model inserts them)
 * @param skippedGaps gaps given up on
 */
public record ReorderOutcome(List<Passing> forwarded, int duplicates, int late, List<SkippedGap> skippedGaps) {

    public ReorderOutcome {
        forwarded = List.copyOf(forwarded);
        skippedGaps = List.copyOf(skippedGaps);
    }

    public static ReorderOutcome nothing() {
        return new ReorderOutcome(List.of(), 0, 0, List.of());
    }
}
