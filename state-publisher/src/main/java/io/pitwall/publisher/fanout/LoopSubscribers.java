package io.pitwall.publisher.fanout;

import io.netty.channel.EventLoop;
import io.pitwall.publisher.store.DocumentKind;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The subscribers of one feed that live on one event loop. The members are confined to that loop, so
 * they need no locks, and one update costs one task per event loop rather than one per client.
 *
 * <p>Conflated per loop as well as per client: updates wait in one slot per kind, and at most one
 * delivery task is queued. An event loop that falls behind the update rate (CPU starved, thousands of
 * sockets to write) thus skips to the newest update instead of queueing every one of them, and the
 * lag stays bounded by one round over its subscribers rather than growing with the backlog.
 */
final class LoopSubscribers {

    private static final DocumentKind[] KINDS = DocumentKind.values();

    private final EventLoop loop;
    private Subscriber[] members = new Subscriber[16];
    private int size;

    /** Written from any thread, taken on the loop. */
    private final AtomicReferenceArray<Update> latest = new AtomicReferenceArray<>(KINDS.length);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Updates replaced in their slot before the loop got to them, since the last delivery. */
    private final AtomicInteger skipped = new AtomicInteger();

    private record Update(Frame frame, boolean live) {
    }

    LoopSubscribers(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    void add(Subscriber s) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
        }
        s.slot = size;
        members[size++] = s;
    }

    /** O(1): the last member takes the leaver's slot. */
    void remove(Subscriber s) {
        int i = s.slot;
        if (i < 0 || i >= size || members[i] != s) {
            return;
        }
        Subscriber last = members[--size];
        members[i] = last;
        last.slot = i;
        members[size] = null;
        s.slot = -1;
    }

    /**
     * From any thread: queues {@code frame} for every member (retaining it) and makes sure one delivery
     * task is scheduled. The caller keeps its own reference.
     */
    void publish(Frame frame, boolean live) {
        Update replaced = latest.getAndSet(frame.kind().ordinal(), new Update(frame.retain(), live));
        if (replaced != null) {
            replaced.frame().release();
            skipped.incrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this::deliverLatest);
            } catch (RuntimeException rejected) {
                // the loop is shutting down: nobody there to deliver to
                drop();
            }
        }
    }

    /** On the loop: hands the newest frame of each kind, manifest first, to every member. */
    private void deliverLatest() {
        // cleared first: an update arriving from now on is either taken below or schedules a new task
        scheduled.set(false);
        int missed = skipped.getAndSet(0);
        for (int k = 0; k < KINDS.length; k++) {
            Update update = latest.getAndSet(k, null);
            if (update == null) {
                continue;
            }
            try {
                // a snapshot of the members: a subscriber may leave (and reshuffle slots) while we iterate
                Subscriber[] now = Arrays.copyOf(members, size);
                for (Subscriber s : now) {
                    s.offer(update.frame(), update.live(), missed);
                }
            } finally {
                update.frame().release();
            }
            missed = 0;
        }
    }

    private void drop() {
        for (int k = 0; k < KINDS.length; k++) {
            Update update = latest.getAndSet(k, null);
            if (update != null) {
                update.frame().release();
            }
        }
    }

    void endAll() {
        Subscriber[] now = Arrays.copyOf(members, size);
        for (Subscriber s : now) {
            s.serviceEnded();
        }
    }
}
