package io.pitwall.ingest.lapsnapper.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides the {@code streamEpoch} of each time event of one decoder, and classifies the event for the metrics.
 *
 * <h2>Why</h2>
 * The lap processor dedupes on (venue, streamId, streamEpoch, sequence). LapSnapper's {@code timeStampID} is the
 * sequence, and the API does not say when LapSnapper starts counting again — in practice when its application
 * restarts or a new timing session begins. If the ingest kept the epoch while the numbering restarted, the new
 * session's passings would collide with the old session's and be dropped as duplicates: lost laps. Bumping the
 * epoch when the numbering did not restart costs almost nothing (the processor starts a new stream at the first
 * sequence it sees), so every rule below errs towards a new epoch.
 *
 * <h2>Rules, for an event with id {@code n}</h2>
 * <ol>
 *   <li>No epoch yet (first event ever, or nothing restored): new epoch.</li>
 *   <li>{@code n} was seen in this epoch (last {@value #WINDOW} ids are remembered) with the same transponder,
 *       time and line: a re-sent event (LapSnapper re-sends after a reconnect), same epoch.</li>
 *   <li>{@code n} was seen with different content: the numbering restarted, new epoch.</li>
 *   <li>{@code n} is above the highest id of the epoch: next in line (gaps are the processor's business).</li>
 *   <li>{@code n} is below the highest id and its time is more than {@value #TIME_TOLERANCE_MILLIS} ms later
 *       than the highest id's time: ids are issued in time order, so this is not a late event but a new numbering
 *       run — new epoch. Otherwise it is out of order (API 6.2: older events can arrive after newer ones), same
 *       epoch.</li>
 * </ol>
 *
 * <p>The epoch value is the ingest's wall clock in milliseconds when the run was first seen, and at least one
 * more than the previous epoch: strictly increasing per stream, unique without coordination, readable. It is
 * restored after an ingest restart from {@link StreamPosition} (see {@link StreamPositionStore}), so events
 * re-sent after the restart keep their epoch and are deduped downstream.
 *
 * <p>Thread-safe (a stream's events arrive on one event loop; the checkpointer reads positions from another
 * thread).
 */
public final class EpochTracker {

    /** How many recent ids (with their content) are remembered per epoch to recognise re-sends and restarts. */
    public static final int WINDOW = 8192;
    /** How much later than the highest id's time a lower id may be and still count as a late event. */
    public static final long TIME_TOLERANCE_MILLIS = 10_000;

    /** What an event is, relative to the stream so far. */
    public enum Verdict {
        /** Above every id seen in the epoch. */
        NEXT,
        /** Below the highest id and not seen before: arrived out of order. */
        OUT_OF_ORDER,
        /** Seen before with the same content: sent again. */
        RESENT,
        /** Starts a new epoch; {@link Assignment#reason()} says why. */
        NEW_EPOCH
    }

    /** The epoch an event belongs to and what it is. */
    public record Assignment(long epoch, Verdict verdict, String reason) {
    }

    /** The parts of a time event that must match for it to be the same event again. */
    private record Content(int transponderId, int transponderInstance, long timeMillis, int lapLine) {
    }

    private final StreamKey key;
    private final LongSupplier wallClockMillis;
    private final Map<Long, Content> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Content> eldest) {
            return size() > WINDOW;
        }
    };
    private long epoch;
    private boolean started;
    private long highest;
    private long highestTime;
    private long version;

    private EpochTracker(StreamKey key, LongSupplier wallClockMillis) {
        this.key = Objects.requireNonNull(key, "key");
        this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
    }

    /** A tracker for a stream the ingest knows nothing about: its first event starts an epoch. */
    public static EpochTracker fresh(StreamKey key, LongSupplier wallClockMillis) {
        return new EpochTracker(key, wallClockMillis);
    }

    /** A tracker continuing a stream from a stored position (ids seen before the restart are not remembered). */
    public static EpochTracker restore(StreamPosition position, LongSupplier wallClockMillis) {
        EpochTracker tracker = new EpochTracker(position.key(), wallClockMillis);
        tracker.epoch = position.epoch();
        tracker.highest = position.highestSequence();
        tracker.highestTime = position.highestTimeMillis();
        tracker.started = true;
        return tracker;
    }

    public StreamKey key() {
        return key;
    }

    /**
     * Assigns the epoch of one time event.
     *
     * @param timeStampId         the event's {@code timeStampID}
     * @param transponderId       with instance, time and line: what makes a re-sent event recognisable
     * @param absoluteTimeMillis  the event's time, decoder clock
     * @param lapLine             1 lap line, 0 sector line
     */
    public synchronized Assignment assign(long timeStampId, int transponderId, int transponderInstance,
                                          long absoluteTimeMillis, int lapLine) {
        Content content = new Content(transponderId, transponderInstance, absoluteTimeMillis, lapLine);
        if (!started) {
            return startEpoch(timeStampId, content, "first event of the stream");
        }
        Content seen = recent.get(timeStampId);
        if (seen != null) {
            if (seen.equals(content)) {
                return new Assignment(epoch, Verdict.RESENT, "");
            }
            return startEpoch(timeStampId, content, "timeStampID " + timeStampId
                    + " seen again with a different transponder, time or line: LapSnapper restarted its numbering");
        }
        if (timeStampId > highest) {
            remember(timeStampId, content);
            highest = timeStampId;
            highestTime = absoluteTimeMillis;
            version++;
            return new Assignment(epoch, Verdict.NEXT, "");
        }
        if (absoluteTimeMillis > highestTime + TIME_TOLERANCE_MILLIS) {
            return startEpoch(timeStampId, content, "timeStampID went back from " + highest + " to " + timeStampId
                    + " while the time moved on by " + (absoluteTimeMillis - highestTime)
                    + " ms: LapSnapper restarted its numbering");
        }
        remember(timeStampId, content);
        return new Assignment(epoch, Verdict.OUT_OF_ORDER, "");
    }

    /** The position to store, or empty before the first event. */
    public synchronized Optional<StreamPosition> position() {
        return started ? Optional.of(new StreamPosition(key, epoch, highest, highestTime)) : Optional.empty();
    }

    /** Changes whenever {@link #position()} does, so a checkpointer can skip streams that did not move. */
    public synchronized long version() {
        return version;
    }

    private Assignment startEpoch(long timeStampId, Content content, String reason) {
        epoch = started ? Math.max(wallClockMillis.getAsLong(), epoch + 1) : wallClockMillis.getAsLong();
        started = true;
        recent.clear();
        remember(timeStampId, content);
        highest = timeStampId;
        highestTime = content.timeMillis();
        version++;
        return new Assignment(epoch, Verdict.NEW_EPOCH, reason);
    }

    private void remember(long timeStampId, Content content) {
        recent.put(timeStampId, content);
    }
}
