package io.pitwall.ingest.ctp01.session;

import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.ingest.ctp01.codec.Ctp01Command;
import io.pitwall.ingest.ctp01.codec.TagEvent;
import io.pitwall.ingest.ctp01.codec.TagObservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull mode: one {@code getdata~<batch>~<location>~<sequence>} at a time, round-robin over the
 * locations. Every request names the location and the sequence to continue from (the highest one
 * received + 1), so the client's own cursor never matters: after a reconnect or a restart the first
 * request simply continues after the stored position. A full answer ({@code batch} items) is
 * followed at once by the next request for the same location; when a round over all locations came
 * back short, the loop pauses {@code pull.interval}.
 *
 * <p>While back-pressure pauses reading nothing is requested: the client keeps its observations until
 * Kafka takes them again.
 */
final class PullLoop implements Streaming {

    private static final Logger LOG = LoggerFactory.getLogger(PullLoop.class);

    private final Ctp01Session session;
    private final Set<String> claimed = new HashSet<>();
    /** Claimed and settled: ready to be asked, in the order they became ready. */
    private final List<String> ready = new ArrayList<>();
    private int next;
    private Request current;
    private ScheduledFuture<?> wakeUp;

    /** The getdata in flight. */
    private static final class Request {
        final String location;
        final int batch;
        int expected = -1;
        int received;
        ScheduledFuture<?> timeout;

        Request(String location, int batch) {
            this.location = location;
            this.batch = batch;
        }
    }

    PullLoop(Ctp01Session session) {
        this.session = session;
    }

    @Override
    public void locationsAvailable(Collection<String> available) {
        for (String location : available) {
            if (claimed.add(location)) {
                session.claim(location).thenAccept(resume -> {
                    if (claimed.contains(location) && !ready.contains(location)) {
                        ready.add(location);
                        if (current == null && wakeUp == null) {
                            requestNext();
                        }
                    }
                });
            }
        }
    }

    private void requestNext() {
        wakeUp = null;
        if (current != null || ready.isEmpty() || !session.isStreaming()) {
            return;
        }
        if (!session.readingEnabled()) {
            pause();
            return;
        }
        for (int tried = 0; tried < ready.size(); tried++) {
            if (next >= ready.size()) {
                next = 0;
            }
            String location = ready.get(next);
            int from = session.progress(location).highestAdmitted() + 1;
            if (from <= TagObservation.MAX_SEQUENCE) {
                ask(location, from);
                return;
            }
            next++; // this location has used every sequence number: nothing more can come
        }
        pause();
    }

    private void ask(String location, int from) {
        int batch = session.venue().pullBatch();
        current = new Request(location, batch);
        current.timeout = session.schedule(session.idleTimeout(), this::timedOut);
        session.send(Ctp01Command.GetData.from(batch, location, from), "getdata", location);
    }

    @Override
    public void getDataAcknowledged(int itemCount) {
        if (current == null) {
            LOG.debug("{}: getdata answer without a request; ignored", session.who());
            return;
        }
        current.expected = itemCount;
        completeIfDone();
    }

    @Override
    public void tagEventReceived(TagEvent event) {
        if (current != null) {
            current.received++;
            completeIfDone();
        }
    }

    private void completeIfDone() {
        if (current.expected >= 0 && current.received >= current.expected) {
            complete(current.expected >= current.batch);
        }
    }

    /** @param full the answer had {@code batch} items, so the location probably has more */
    private void complete(boolean full) {
        current.timeout.cancel(false);
        current = null;
        if (!full) {
            next++;
            if (next >= ready.size()) {
                next = 0;
                pause();
                return;
            }
        }
        requestNext();
    }

    private void pause() {
        if (wakeUp == null && session.isStreaming()) {
            wakeUp = session.schedule(session.venue().pullInterval(), this::requestNext);
        }
    }

    private void timedOut() {
        if (current == null) {
            return;
        }
        if (!session.readingEnabled()) {
            // the rest of the answer is waiting behind back-pressure, not lost
            current.timeout = session.schedule(session.idleTimeout(), this::timedOut);
            return;
        }
        LOG.warn("{}: getdata for {} answered {} of {} lines within {}; asking again", session.who(),
                current.location, current.received, current.expected < 0 ? "?" : current.expected, session.idleTimeout());
        complete(false);
    }

    @Override
    public void commandRefused(String command, String location, String message) {
        if (!command.equals("getdata") || current == null) {
            return;
        }
        String refused = current.location;
        if (message.toLowerCase(java.util.Locale.ROOT).contains("location")) {
            // gone from the client; a later getlocations brings it back if it returns
            ready.remove(refused);
            claimed.remove(refused);
            session.release(refused);
        }
        complete(false);
    }

    @Override
    public void close() {
        if (current != null) {
            current.timeout.cancel(false);
            current = null;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
        claimed.forEach(session::release);
    }
}
