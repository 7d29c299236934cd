package io.pitwall.publisher.fanout;

import io.netty.channel.EventLoop;
import java.util.Arrays;

/**
 * The subscribers of one feed that live on one event loop. Confined to that loop, so it needs no
 * locks, and one update costs one task per event loop rather than one per client.
 */
final class LoopSubscribers {

    private final EventLoop loop;
    private Subscriber[] members = new Subscriber[16];
    private int size;

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

    /** Hands {@code frame} to every member; the caller's reference is released when all have it. */
    void deliver(Frame frame, boolean live) {
        // a snapshot of the members: a subscriber may leave (and reshuffle slots) while we iterate
        Subscriber[] now = Arrays.copyOf(members, size);
        for (Subscriber s : now) {
            s.offer(frame, live);
        }
    }

    void endAll() {
        Subscriber[] now = Arrays.copyOf(members, size);
        for (Subscriber s : now) {
            s.serviceEnded();
        }
    }
}
