package io.pitwall.ingest.ctp01.mapping;

import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.ctp01.codec.TagObservation;
import io.pitwall.ingest.ctp01.config.LineMap;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A CTP01 tag observation as a {@link Passing}. Stateless.
 *
 * <ul>
 *   <li>streamId = {@code venue/connection id/location}, sequence = the location's sequence: what the
 *       lap-processor dedupes and reorders on, the same on every reconnect of the client; streamEpoch
 *       counts the client's events (a new event numbers from 1 again).</li>
 *   <li>transponder = the tag code (the bib number on ChronoTrack systems).</li>
 *   <li>line = the venue's configured line of the location, else {@code UNKNOWN}; the raw location is
 *       always in {@code attributes.location}, where the lap-processor applies the session's line map.</li>
 *   <li>attributes: {@code location}, {@code readerId} and {@code gator} (the mat segment),
 *       {@code lapCount} (the box's own count), {@code rawTime} (the time exactly as sent, for audit).</li>
 * </ul>
 */
public final class PassingMapper {

    public static final String LOCATION = "location";
    public static final String READER_ID = "readerId";
    public static final String GATOR = "gator";
    public static final String LAP_COUNT = "lapCount";
    public static final String RAW_TIME = "rawTime";

    private PassingMapper() {
    }

    public static Passing passing(StreamKey stream, long epoch, TagObservation observation, LineMap lines,
                                  Instant receivedAt) {
        LineMap.Line line = lines.lineOf(observation.location());
        Map<String, String> attributes = new HashMap<>(8);
        attributes.put(LOCATION, observation.location());
        attributes.put(READER_ID, observation.readerId());
        attributes.put(GATOR, Integer.toString(observation.gator()));
        attributes.put(LAP_COUNT, Integer.toString(observation.lapCount()));
        attributes.put(RAW_TIME, observation.rawTime());
        return Passing.newBuilder()
                .setVenueId(stream.venue())
                .setSource(Source.CTP01)
                .setStreamId(stream.id())
                .setStreamEpoch(epoch)
                .setSequence(observation.sequence())
                .setTransponder(observation.tag())
                .setName(null)
                .setPassingTime(observation.time())
                .setLine(line.kind())
                .setLineIndex(line.index())
                .setReceivedAt(receivedAt)
                .setAttributes(attributes)
                .build();
    }
}
