package io.pitwall.processor.topology;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When one Timing71 service publishes its state: on change, coalesced to at most one state per minimum
 * interval, plus a clock tick while the session runs.
 *
 * <p>The first change after a quiet spell goes out at once, so a live session at a normal passing rate
 * (a few per second per venue) sees every passing on screen as soon as it is processed. Changes that follow
 * within the minimum interval wait for the end of it and go out together: a replay or a burst of late
 * passings costs at most {@code 1 / minInterval} renderings per second per session instead of one per input.
 *
 * <p>The state record carries the timestamp of the oldest input it is the first to show, so a consumer can
 * measure how old the news in a state is ({@code now - record timestamp}) whatever the coalescing did; a
 * plain clock tick carries the wall-clock time.
 *
 * <p>While the service is catching up on a backlog (the input that changed the screen is older than a clock
 * tick: an outage, a replay), nobody watches each intermediate screen, so changes are coalesced to one state per
 * clock tick instead: rendering a state costs far more than timing a passing, and this is what lets a replay
 * run at the speed of the timing model. Live inputs are processed within milliseconds and keep the normal pace.
 *
 * <p>Wall-clock times in milliseconds. Not thread-safe (one venue belongs to one stream task).
 */
final class StatePacer {

    private static final long NEVER = Long.MIN_VALUE / 4;

    private final long minIntervalMillis;
    private final long tickMillis;
    private long lastPublished = NEVER;
    private boolean pending;
    private long oldestPendingTimestamp = Long.MAX_VALUE;
    /** The last change came from a backlog (its input older than a tick). */
    private boolean catchingUp;

    StatePacer(Duration minInterval, Duration tick) {
        this.minIntervalMillis = minInterval.toMillis();
        this.tickMillis = tick.toMillis();
    }

    /**
     * An input changed what the screen shows.
     *
     * @param inputTimestamp the input record's timestamp
     * @return true when the state should be published now; otherwise a later {@link #due} says when
     */
    boolean changed(long inputTimestamp, long now) {
        pending = true;
        oldestPendingTimestamp = Math.min(oldestPendingTimestamp, inputTimestamp);
        catchingUp = fromBacklog(inputTimestamp, now, tickMillis);
        return now - lastPublished >= interval();
    }

    /**
     * Whether an input with this record timestamp comes from a backlog at {@code now}: it is older than a clock tick.
     * Live inputs are processed within milliseconds; {@link LiveCommits} tells live results by the same rule.
     */
    static boolean fromBacklog(long inputTimestamp, long now, long tickMillis) {
        return now - inputTimestamp > tickMillis;
    }

    /** The least time between two states for a change: longer while inputs arrive from a backlog. */
    private long interval() {
        return catchingUp ? Math.max(minIntervalMillis, tickMillis) : minIntervalMillis;
    }

    /**
     * Whether a state is due at {@code now}: a coalesced change whose slot has come, or a clock tick.
     * {@code clockRunning} is asked only when a tick would be due (it is called for every venue several times a
     * second).
     */
    boolean due(long now, BooleanSupplier clockRunning) {
        if (pending) {
            return now - lastPublished >= interval();
        }
        return now - lastPublished >= tickMillis && clockRunning.getAsBoolean();
    }

    /** Whether changes are waiting to be published. */
    boolean pending() {
        return pending;
    }

    /**
     * Records that a state goes out at {@code now}.
     *
     * @return the timestamp the state record carries: the oldest pending input's, or {@code now} for a tick
     */
    long published(long now) {
        long timestamp = pending ? Math.min(oldestPendingTimestamp, now) : now;
        pending = false;
        oldestPendingTimestamp = Long.MAX_VALUE;
        lastPublished = now;
        return timestamp;
    }
}
