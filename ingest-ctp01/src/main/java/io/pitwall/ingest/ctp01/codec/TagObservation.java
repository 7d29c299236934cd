package io.pitwall.ingest.ctp01.codec;

import java.time.Instant;

/**
 * A tag read at a timing location. The segment that read it is {@code readerId} + {@code gator}.
 *
 * @param tag      the tag code, the bib number on ChronoTrack systems (1 to 8 characters)
 * @param lapCount the client's lap count for this tag
 * @param readerId 6 hex digits, the tail of the reader's MAC, in upper case
 * @param gator    the mat segment, 0 to 99
 */
public record TagObservation(TagEventFormat format, int sequence, String location, String tag, Instant time,
                             String rawTime, int lapCount, String readerId, int gator) implements TagEvent {

    /** The maximum length of a tag code. */
    public static final int MAX_TAG_LENGTH = 8;
    /** The maximum length of a location name. */
    public static final int MAX_LOCATION_LENGTH = 16;
    /** The largest sequence number a location can carry. */
    public static final int MAX_SEQUENCE = 999_999;
}
