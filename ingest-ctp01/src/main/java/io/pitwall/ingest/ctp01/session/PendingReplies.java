package io.pitwall.ingest.ctp01.session;

import io.pitwall.ingest.ctp01.codec.Ctp01Reply;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Commands sent and not answered yet, so that an answer can be matched to the command it answers.
 * A client answers in order, but not every command is answered ({@code start} only with
 * {@code pushmode-ack=true}), and an old client answers an unknown command with
 * {@code err~~unknown command}, naming no command. So an answer takes the oldest pending command
 * of its name, and a nameless error the oldest pending command of all. Not thread-safe: used on the
 * connection's event loop.
 */
final class PendingReplies {

    /** A command awaiting its answer; {@code location} for start and getdata. */
    record Pending(String command, String location) {
    }

    /** More would mean a client that stopped answering; the idle timeout closes it long before. */
    private static final int MAX_PENDING = 1024;

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    void expect(String command, String location) {
        if (pending.size() >= MAX_PENDING) {
            pending.removeFirst();
        }
        pending.addLast(new Pending(command, location));
    }

    /** The command {@code reply} answers, removed from the pending ones; empty if unsolicited. */
    Optional<Pending> match(Ctp01Reply reply) {
        String command = reply.command();
        if (command.isEmpty()) {
            return Optional.ofNullable(pending.pollFirst());
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending candidate = it.next();
            if (candidate.command().equals(command)) {
                it.remove();
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    int size() {
        return pending.size();
    }
}
