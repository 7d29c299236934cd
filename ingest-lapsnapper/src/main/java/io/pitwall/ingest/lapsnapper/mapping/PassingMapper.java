package io.pitwall.ingest.lapsnapper.mapping;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A 6110 Time Event as an Avro {@link Passing}.
 *
 * <ul>
 *   <li>{@code streamId} = venue + decoder device id, {@code sequence} = {@code timeStampID}, {@code streamEpoch}
 *       as decided by the epoch tracker.</li>
 *   <li>{@code line}: FINISH for the lap line ({@code lapLine} 1, or absent when sector timing is off), SECTOR for
 *       a sector line (0). No {@code lineIndex}: LapSnapper does not say which sector line it was, the lap
 *       processor numbers them by order after the finish line.</li>
 *   <li>The raw value goes to {@code attributes.lapLine} ("1"/"0", "1" when absent) because the session's line
 *       map matches on it; {@code transponderId}, {@code transponderInstance} and {@code timeStampId} are kept too.</li>
 *   <li>{@code transponder}: the id, with {@code -<instance>} appended unless the instance is 1 (the API's
 *       default), so entry lists name transponders the way LapSnapper shows them.</li>
 *   <li>{@code passingTime}: {@code absoluteTime}, milliseconds since the Unix epoch on the decoder clock, exactly
 *       (the decoder clock offset is published separately as DecoderStatus CLOCK_OFFSET, not applied here).</li>
 * </ul>
 */
public final class PassingMapper {

    /** Attribute the lap processor's line map reads for LapSnapper. */
    public static final String ATTR_LAP_LINE = "lapLine";
    public static final String ATTR_TRANSPONDER_ID = "transponderId";
    public static final String ATTR_TRANSPONDER_INSTANCE = "transponderInstance";
    public static final String ATTR_TIME_STAMP_ID = "timeStampId";

    private PassingMapper() {
    }

    public static Passing toPassing(StreamKey stream, long epoch, TimeEvent event, Instant receivedAt) {
        Map<String, String> attributes = new HashMap<>(8);
        attributes.put(ATTR_LAP_LINE, event.isLapLine() ? "1" : "0");
        attributes.put(ATTR_TRANSPONDER_ID, Integer.toString(event.transponderId()));
        attributes.put(ATTR_TRANSPONDER_INSTANCE, Integer.toString(event.transponderInstance()));
        attributes.put(ATTR_TIME_STAMP_ID, Long.toString(event.absoluteTime().timeStampId()));
        String name = event.transponderName();
        return Passing.newBuilder()
                .setVenueId(stream.venueId())
                .setSource(Source.LAPSNAPPER)
                .setStreamId(stream.streamId())
                .setStreamEpoch(epoch)
                .setSequence(event.absoluteTime().timeStampId())
                .setTransponder(transponder(event.transponderId(), event.transponderInstance()))
                .setName(name == null || name.isBlank() ? null : name)
                .setPassingTime(Instant.ofEpochMilli(event.absoluteTime().absoluteTime()))
                .setLine(event.isLapLine() ? LineKind.FINISH : LineKind.SECTOR)
                .setLineIndex(null)
                .setReceivedAt(receivedAt)
                .setAttributes(attributes)
                .build();
    }

    /** {@code 10003} for instance 1, {@code 10003-2} for instance 2. */
    public static String transponder(int transponderId, int transponderInstance) {
        return transponderInstance == 1 ? Integer.toString(transponderId)
                : transponderId + "-" + transponderInstance;
    }
}
