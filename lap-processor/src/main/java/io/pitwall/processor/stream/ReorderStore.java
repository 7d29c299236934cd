package io.pitwall.processor.stream;

import java.util.List;
import java.util.Map;

/**
 * Where the reorder buffer keeps its state: in memory for tests, in Kafka Streams state stores in the
 * processor (so that held passings and stream positions survive a restart with the input offsets).
 */
public interface ReorderStore {

    /** The stream's position, or null for a stream never seen. */
    StreamPosition position(StreamKey stream);

    void putPosition(StreamKey stream, StreamPosition position);

    /** Whether this sequence is held. */
    boolean isHeld(StreamKey stream, long sequence);

    void hold(StreamKey stream, HeldPassing passing);

    void release(StreamKey stream, long sequence);

    /** The stream's held passings, lowest sequence first. */
    List<HeldPassing> held(StreamKey stream);

    /** Every stream that holds passings, with its held passings lowest sequence first. */
    Map<StreamKey, List<HeldPassing>> allHeld();
}
