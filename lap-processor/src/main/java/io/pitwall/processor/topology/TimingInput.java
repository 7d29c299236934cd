package io.pitwall.processor.topology;

import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;

/** The three inputs of the timing processor, merged into one stream (all keyed by venue, co-partitioned). */
public sealed interface TimingInput {

    record OfPassing(Passing passing) implements TimingInput {
    }

    record OfConfig(SessionConfig config) implements TimingInput {
    }

    record OfControl(SessionControl control) implements TimingInput {
    }
}
