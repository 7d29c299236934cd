package io.pitwall.processor.topology;

import io.pitwall.events.LapEvent;

/** What the timing processor emits; split into the output topics by the topology. */
public sealed interface TimingOutput {

    record Lap(LapEvent event) implements TimingOutput {
    }

    /** A Timing71 state (JSON) for the service {@code uuid}; null JSON deletes the service (a tombstone). */
    record State(String uuid, String json) implements TimingOutput {
    }

    /** A Timing71 manifest (JSON) for the service {@code uuid}; null JSON deletes it (a tombstone). */
    record Manifest(String uuid, String json) implements TimingOutput {
    }

    /** An input the timing engine failed on, as {@code DeadLetterRecord} JSON, keyed by the input's key. */
    record DeadLetter(byte[] json) implements TimingOutput {
    }
}
