package io.pitwall.ingest.ctp01.resume;

import java.util.Comparator;

/**
 * Where the resume position of every stream survives reconnects and restarts: the last sequence up to
 * which Kafka acknowledged every event of the stream, in the stream's current epoch.
 */
public interface ResumeStore extends AutoCloseable {

    /**
     * A stored position.
     *
     * @param sequence the last sequence acknowledged contiguously, 0 for none
     * @param epoch    the stream's numbering epoch ({@code Passing.streamEpoch}): bumped when the
     *                 client's event changed, since a new event numbers its observations from 1 again
     * @param eventId  the client's event id ({@code geteventinfo}) the sequence belongs to; null if the
     *                 client did not say
     */
    record Position(int sequence, long epoch, String eventId) {

        public static final Position NONE = new Position(0, 0, null);

        /** Order of positions of one stream: epoch first, then sequence. */
        public static final Comparator<Position> ORDER =
                Comparator.comparingLong(Position::epoch).thenComparingInt(Position::sequence);

        public Position {
            if (sequence < 0 || epoch < 0) {
                throw new IllegalArgumentException("sequence and epoch must not be negative");
            }
            if (eventId != null && eventId.isEmpty()) {
                eventId = null;
            }
        }

        public boolean isAfter(Position other) {
            return ORDER.compare(this, other) > 0;
        }
    }

    /** The stored position of {@code key}; {@link Position#NONE} when nothing is stored. */
    Position position(StreamKey key);

    /**
     * Records that every event of {@code key} up to the position is acknowledged. Never moves a
     * position backwards ({@link Position#ORDER}); a new epoch or event id at the same order is kept.
     * Must not block: it is called from the publisher's callback thread.
     */
    void save(StreamKey key, Position position);

    /** Writes what is still unwritten and releases resources; waits a bounded time. */
    @Override
    void close();
}
