package io.pitwall.ingest.ctp01.session;

import io.pitwall.ingest.ctp01.codec.Ctp01Command;
import io.pitwall.ingest.ctp01.codec.TagObservation;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push mode: each location is started once per connection, as soon as the client reports it (in the
 * {@code getlocations} answer, a {@code newlocation} event or a later refresh) and the stream's
 * events left in flight by an earlier connection are settled. A location with a stored position
 * resumes with {@code start~<location>~<position + 1>}; a new one starts from its first observation
 * with {@code start~<location>}. A plain {@code start} is never sent: it would restart every location
 * from the beginning and flood Kafka with duplicates.
 */
final class PushStreams implements Streaming {

    private static final Logger LOG = LoggerFactory.getLogger(PushStreams.class);

    private final Ctp01Session session;
    /** Claimed or started on this connection. */
    private final Set<String> locations = new LinkedHashSet<>();

    PushStreams(Ctp01Session session) {
        this.session = session;
    }

    @Override
    public void locationsAvailable(Collection<String> available) {
        for (String location : available) {
            if (locations.add(location)) {
                session.claim(location).thenAccept(resume -> start(location, resume.sequence()));
            }
        }
    }

    private void start(String location, int position) {
        if (!session.isStreaming() || !locations.contains(location)) {
            return;
        }
        if (position >= TagObservation.MAX_SEQUENCE) {
            LOG.warn("{}: location {} has used every sequence number (999999); nothing more can come", session.who(),
                    location);
            return;
        }
        Ctp01Command.Start start = position == 0 ? Ctp01Command.Start.location(location)
                : Ctp01Command.Start.resume(location, position + 1);
        LOG.info("{}: starting location {} {}", session.who(), location,
                position == 0 ? "from its first observation" : "after sequence " + position);
        session.send(start, session.venue().pushModeAck() ? "start" : null, location);
    }

    @Override
    public void startAcknowledged(String location) {
        LOG.debug("{}: location {} started", session.who(), location);
    }

    @Override
    public void commandRefused(String command, String location, String message) {
        if (command.equals("start") && location != null && locations.remove(location)) {
            // the next getlocations refresh starts it again
            session.release(location);
        }
    }

    @Override
    public void close() {
        locations.forEach(session::release);
    }
}
