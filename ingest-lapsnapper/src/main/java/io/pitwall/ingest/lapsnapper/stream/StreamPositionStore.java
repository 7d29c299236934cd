package io.pitwall.ingest.lapsnapper.stream;

import java.util.Collection;
import java.util.Map;

/** Where stream positions survive an ingest restart. */
public interface StreamPositionStore {

    /** The last saved position of every stream of these venues. Called once, at start-up. */
    Map<StreamKey, StreamPosition> load(Collection<String> venueIds);

    /** Saves a position, asynchronously; a failure is logged, the next save repairs it. May block briefly. */
    void save(StreamPosition position);

    /** A store that remembers nothing: every stream starts a new epoch at its first event after a restart. */
    StreamPositionStore NONE = new StreamPositionStore() {
        @Override
        public Map<StreamKey, StreamPosition> load(Collection<String> venueIds) {
            return Map.of();
        }

        @Override
        public void save(StreamPosition position) {
        }
    };
}
