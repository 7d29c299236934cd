package io.pitwall.processor.topology;

import java.time.Duration;

/**
 * When the timing processor asks Kafka Streams for a commit ahead of its commit interval.
 *
 * <p>Under exactly-once a result is visible to readers only once its transaction commits, so a live session wants
 * commits every few tens of milliseconds. A backlog does not: every commit stops the stream thread to flush the
 * stores and wait for the broker to end the transaction (about a third of the thread's time at a 20 ms interval
 * during a replay), and nobody watches the intermediate results of a catch-up. So Kafka Streams commits at the
 * long catch-up interval, and the processor requests a commit ({@code ProcessorContext.commit()}) when it has
 * forwarded a live result — one whose record timestamp is no older than {@code liveWithin}, the same rule by which
 * {@link StatePacer} tells live changes from a backlog — at most once per live interval.
 *
 * <p>Kafka Streams commits all tasks of a stream thread in one transaction, so the pace is kept per thread: a
 * request from any task commits every task's results, and tasks sharing a thread do not multiply the commits.
 * Processors get no handle on their thread, hence the thread-local pace; one instance serves one topology.
 */
final class LiveCommits {

    private static final long NEVER = Long.MIN_VALUE / 4;

    private final long intervalMillis;
    private final long liveWithinMillis;
    private final ThreadLocal<Pace> paces = ThreadLocal.withInitial(Pace::new);

    /** One stream thread's requests: when it last asked, and whether a live result waits for a commit. */
    private static final class Pace {
        long lastRequested = NEVER;
        boolean owed;
    }

    /**
     * @param interval   the least time between two requested commits of one thread; zero requests none (Kafka
     *                   Streams' commit interval alone decides)
     * @param liveWithin how old a result's record timestamp may be for it to count as live
     */
    LiveCommits(Duration interval, Duration liveWithin) {
        if (interval.isNegative() || liveWithin.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: " + interval + ", " + liveWithin);
        }
        this.intervalMillis = interval.toMillis();
        this.liveWithinMillis = liveWithin.toMillis();
    }

    static LiveCommits of(LapProcessorConfig config) {
        return new LiveCommits(config.liveCommitInterval(), config.clockTick());
    }

    boolean enabled() {
        return intervalMillis > 0;
    }

    /**
     * How often a thread with an owed commit looks whether its slot has come: a quarter of the interval, so a live
     * result waits at most a quarter interval beyond it.
     */
    Duration checkInterval() {
        return Duration.ofMillis(Math.max(1, intervalMillis / 4));
    }

    /** A result with this record timestamp was forwarded at {@code now}: if it is live, it is owed a commit. */
    void forwarded(long recordTimestamp, long now) {
        if (enabled() && !StatePacer.fromBacklog(recordTimestamp, now, liveWithinMillis)) {
            paces.get().owed = true;
        }
    }

    /**
     * Whether the calling thread should request a commit now: a live result waits for one and the last request
     * was at least an interval ago. A true answer counts as the request.
     */
    boolean requestDue(long now) {
        Pace pace = paces.get();
        if (!pace.owed || now - pace.lastRequested < intervalMillis) {
            return false;
        }
        pace.owed = false;
        pace.lastRequested = now;
        return true;
    }
}
