package io.pitwall.ingest.ctp01.resume;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The delivery state of one stream, shared by every connection that ever carries it. Thread-safe:
 * events are admitted on a connection's event loop and settled on the publisher's callback thread.
 *
 * <p><b>Resume position.</b> Kafka may acknowledge the records of a stream in another order than
 * their sequences (a passing and a gun time go to different topics and partitions), and a sequence
 * may be skipped by the client (gun times in push mode with {@code guntimes=false}). So the position
 * is not "the highest acknowledged sequence" but the end of the <em>contiguous acknowledged prefix
 * in admission order</em>: it moves over an event only when that event and every event admitted
 * before it are acknowledged. If any event fails (publisher full or closed) the position stops before
 * it for good; the owning connection is closed, and the client re-sends from the stored position when
 * it reconnects.
 *
 * <p><b>Epochs.</b> A ChronoTrack event numbers each location from 1. When a client comes back with
 * another event id ({@code geteventinfo}) than the one the stored position belongs to, the event was
 * changed or reset on the box: the stream starts a new epoch ({@code Passing.streamEpoch}) from
 * sequence 0, instead of waiting for sequences the new event may never reach (which would lose its
 * first observations) or having the lap-processor drop them as duplicates.
 *
 * <p><b>Ownership.</b> Only one connection feeds a stream at a time. A new connection
 * {@linkplain #claim claims} it and waits until the events the previous one left in flight are
 * settled, so it resumes exactly after what Kafka has, instead of re-requesting events that are about
 * to be acknowledged (duplicates) or skipping ones that are about to fail (loss). Events a stale
 * connection still tries to admit after that are refused.
 */
public final class StreamProgress {

    /** What {@link #admit} decided. */
    public enum Admission {
        /** Publish it; settle the returned ticket with the outcome. */
        ACCEPTED,
        /** At or before a sequence already admitted (a repeated line, or a resend after resume): drop it. */
        DUPLICATE,
        /** The caller does not own the stream (any more), or the stream broke: drop it. */
        REFUSED
    }

    /** Where a new owner resumes: after {@code sequence}, in {@code epoch}. */
    public record Resume(int sequence, long epoch) {
    }

    /** One admitted event on its way to Kafka. */
    public static final class Ticket {
        private final int sequence;
        private final long epoch;
        private final long gapBefore;
        private final Admission admission;
        private boolean settled;
        private boolean acknowledged;

        private Ticket(int sequence, long epoch, long gapBefore, Admission admission) {
            this.sequence = sequence;
            this.epoch = epoch;
            this.gapBefore = gapBefore;
            this.admission = admission;
        }

        public int sequence() {
            return sequence;
        }

        /** The stream epoch the event belongs to. */
        public long epoch() {
            return epoch;
        }

        public Admission admission() {
            return admission;
        }

        /** Sequences skipped between the previously admitted event and this one (0 when contiguous). */
        public long gapBefore() {
            return gapBefore;
        }
    }

    private final StreamKey key;
    private final ResumeStore store;
    private final ArrayDeque<Ticket> inFlight = new ArrayDeque<>();
    private final List<Runnable> drainWaiters = new ArrayList<>();
    private int committed;
    private long epoch;
    private String eventId;
    private int highestAdmitted;
    private int unsettled;
    private boolean broken;
    private Object owner;

    StreamProgress(StreamKey key, ResumeStore.Position stored, ResumeStore store) {
        this.key = Objects.requireNonNull(key, "key");
        this.store = Objects.requireNonNull(store, "store");
        this.committed = stored.sequence();
        this.epoch = stored.epoch();
        this.eventId = stored.eventId();
        this.highestAdmitted = stored.sequence();
    }

    public StreamKey key() {
        return key;
    }

    /**
     * Makes {@code newOwner} the only connection that may admit events.
     *
     * @param clientEventId the event id the client reports now, null if unknown
     * @return completes once nothing admitted by an earlier owner is still unsettled, with where the
     *         new owner resumes (a new epoch from 0 if the client's event changed)
     */
    public synchronized CompletionStage<Resume> claim(Object newOwner, String clientEventId) {
        owner = Objects.requireNonNull(newOwner, "owner");
        CompletableFuture<Resume> resume = new CompletableFuture<>();
        if (unsettled == 0) {
            resume.complete(resumeFor(clientEventId));
        } else {
            drainWaiters.add(() -> resume.complete(resumeFor(clientEventId)));
        }
        return resume;
    }

    /** Called with the lock held and nothing in flight. */
    private Resume resumeFor(String clientEventId) {
        String reported = clientEventId == null || clientEventId.isEmpty() ? null : clientEventId;
        if (reported != null && !reported.equals(eventId)) {
            if (eventId != null) {
                epoch++;
                committed = 0;
                highestAdmitted = 0;
            }
            eventId = reported;
            store.save(key, new ResumeStore.Position(committed, epoch, eventId));
        }
        return new Resume(committed, epoch);
    }

    /** Gives the stream up if {@code who} still owns it (connection closed). */
    public synchronized void release(Object who) {
        if (owner == who) {
            owner = null;
        }
    }

    /**
     * Decides about an event of this stream with {@code sequence}, as received by {@code who}.
     * An {@link Admission#ACCEPTED} ticket must be {@linkplain #settle settled} exactly once.
     */
    public synchronized Ticket admit(Object who, int sequence) {
        if (who != owner || broken) {
            return new Ticket(sequence, epoch, 0, Admission.REFUSED);
        }
        if (sequence <= highestAdmitted) {
            return new Ticket(sequence, epoch, 0, Admission.DUPLICATE);
        }
        Ticket ticket = new Ticket(sequence, epoch, sequence - highestAdmitted - 1L, Admission.ACCEPTED);
        highestAdmitted = sequence;
        inFlight.addLast(ticket);
        unsettled++;
        return ticket;
    }

    /**
     * Records the outcome of an accepted event: {@code acknowledged} when Kafka has it. Advances and
     * stores the resume position over the contiguous acknowledged prefix.
     */
    public synchronized void settle(Ticket ticket, boolean acknowledged) {
        if (ticket.admission != Admission.ACCEPTED || ticket.settled) {
            throw new IllegalStateException("ticket " + ticket.sequence + " of " + key
                    + " is not an unsettled accepted ticket");
        }
        ticket.settled = true;
        ticket.acknowledged = acknowledged;
        unsettled--;
        int before = committed;
        if (!acknowledged) {
            broken = true;
        }
        while (!broken && !inFlight.isEmpty() && inFlight.peekFirst().acknowledged) {
            committed = inFlight.removeFirst().sequence;
        }
        if (committed != before) {
            store.save(key, new ResumeStore.Position(committed, epoch, eventId));
        }
        if (unsettled > 0) {
            return;
        }
        // everything settled: after a failure, what follows the gap is re-sent by the next owner
        inFlight.clear();
        broken = false;
        highestAdmitted = committed;
        // resolved under the lock so no admission slips in between; the futures' dependants run
        // on the connection's event loop (the session hops there), so this stays short
        drainWaiters.forEach(Runnable::run);
        drainWaiters.clear();
    }

    /** The resume position: every event up to it is acknowledged by Kafka. */
    public synchronized int committed() {
        return committed;
    }

    public synchronized long epoch() {
        return epoch;
    }

    /** The highest sequence admitted so far; a pull continues after it. */
    public synchronized int highestAdmitted() {
        return highestAdmitted;
    }

    /** Admitted events not yet acknowledged or failed. */
    public synchronized int unsettled() {
        return unsettled;
    }

    @Override
    public synchronized String toString() {
        return "StreamProgress[" + key + ", epoch=" + epoch + ", committed=" + committed + ", highest=" + highestAdmitted
                + ", unsettled=" + unsettled + (broken ? ", broken" : "") + "]";
    }
}
