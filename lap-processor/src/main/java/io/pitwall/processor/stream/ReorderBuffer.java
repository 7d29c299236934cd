package io.pitwall.processor.stream;

import io.pitwall.events.Passing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dedupe and reorder per stream (venue, streamId, streamEpoch), by sequence.
 *
 * <ul>
 *   <li>The next expected sequence is forwarded at once, with any contiguous run held behind it.</li>
 *   <li>A later sequence is held while the gap before it is open, at most {@code maxDelay} of wall-clock time
 *       (measured from when the first passing behind the gap was held); then {@link #expire} skips the gap,
 *       records it, and forwards what was held.</li>
 *   <li>A passing that was skipped and arrives after all is forwarded anyway (late events are never dropped:
 *       the timing model inserts it where it belongs) and leaves the missing set.</li>
 *   <li>Anything else below the next expected sequence, or already held, is a duplicate: dropped, counted.</li>
 * </ul>
 * The first sequence a stream shows is taken as its start; lower ones arriving later count as late.
 */
public final class ReorderBuffer {

    /** The default hold time of a gap. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);

    private final ReorderStore store;
    private final long maxDelayMillis;

    public ReorderBuffer(ReorderStore store, Duration maxDelay) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative");
        }
        this.maxDelayMillis = maxDelay.toMillis();
    }

    /** Takes one passing in. */
    public ReorderOutcome offer(Passing passing, long nowMillis) {
        StreamKey stream = StreamKey.of(passing);
        long sequence = passing.getSequence();
        StreamPosition position = store.position(stream);
        if (position == null) {
            position = StreamPosition.startingAt(sequence);
        }
        if (sequence < position.nextExpected()) {
            if (!position.missing().remove(sequence)) {
                return new ReorderOutcome(List.of(), 1, 0, List.of());
            }
            store.putPosition(stream, position);
            return new ReorderOutcome(List.of(passing), 0, 1, List.of());
        }
        if (sequence > position.nextExpected()) {
            if (store.isHeld(stream, sequence)) {
                return new ReorderOutcome(List.of(), 1, 0, List.of());
            }
            store.hold(stream, new HeldPassing(sequence, passing, nowMillis));
            store.putPosition(stream, position);
            return ReorderOutcome.nothing();
        }
        List<Passing> forwarded = new ArrayList<>();
        forwarded.add(passing);
        long next = drain(stream, sequence + 1, forwarded);
        store.putPosition(stream, new StreamPosition(next, position.missing()));
        return new ReorderOutcome(forwarded, 0, 0, List.of());
    }

    /** Skips every gap held for {@code maxDelay} or longer and forwards what was behind it. */
    public ReorderOutcome expire(long nowMillis) {
        List<Passing> forwarded = new ArrayList<>();
        List<SkippedGap> gaps = new ArrayList<>();
        for (Map.Entry<StreamKey, List<HeldPassing>> entry : store.allHeld().entrySet()) {
            StreamKey stream = entry.getKey();
            StreamPosition position = store.position(stream);
            long next = position.nextExpected();
            List<HeldPassing> held = entry.getValue();
            // a gap is skipped once the passings behind it have waited long enough; a later gap opened more
            // recently keeps its own deadline
            while (!held.isEmpty() && nowMillis - oldestHold(held) >= maxDelayMillis) {
                long first = held.get(0).sequence();
                if (first > next) {
                    gaps.add(new SkippedGap(stream, next, first));
                    position.missing().add(next, first);
                }
                next = drain(stream, first, forwarded);
                held = store.held(stream);
            }
            store.putPosition(stream, new StreamPosition(next, position.missing()));
        }
        return new ReorderOutcome(forwarded, 0, 0, gaps);
    }

    private static long oldestHold(List<HeldPassing> held) {
        long oldest = Long.MAX_VALUE;
        for (HeldPassing passing : held) {
            oldest = Math.min(oldest, passing.heldSinceMillis());
        }
        return oldest;
    }

    /** Forwards held passings from {@code from} on while they are contiguous; returns the next expected. */
    private long drain(StreamKey stream, long from, List<Passing> forwarded) {
        long next = from;
        for (HeldPassing held : store.held(stream)) {
            if (held.sequence() < next) {
                continue;
            }
            if (held.sequence() != next) {
                break;
            }
            forwarded.add(held.passing());
            store.release(stream, next);
            next++;
        }
        return next;
    }
}
