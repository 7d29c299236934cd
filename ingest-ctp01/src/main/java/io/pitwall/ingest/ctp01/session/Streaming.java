package io.pitwall.ingest.ctp01.session;

import io.pitwall.ingest.ctp01.codec.TagEvent;
import java.util.Collection;

/**
 * How an identified connection gets its tag events: {@link PushStreams} starts locations and lets the
 * client send, {@link PullLoop} asks with {@code getdata}. Runs on the connection's event loop.
 */
interface Streaming {

    /** Locations the client reported (getlocations, newlocation events); repeated ones are ignored. */
    void locationsAvailable(Collection<String> locations);

    /** A tag event of any location arrived (after it was handed to Kafka). */
    default void tagEventReceived(TagEvent event) {
    }

    /** {@code ack~start[~location]}. */
    default void startAcknowledged(String location) {
    }

    /** {@code ack~getdata~n}: n tag event lines follow. */
    default void getDataAcknowledged(int itemCount) {
    }

    /** The client answered {@code command} for {@code location} (may be null) with an error. */
    void commandRefused(String command, String location, String message);

    /** The connection is closing: cancel timers, give up the streams. */
    void close();
}
