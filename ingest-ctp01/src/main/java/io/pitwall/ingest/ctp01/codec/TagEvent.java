package io.pitwall.ingest.ctp01.codec;

import java.time.Instant;

/**
 * A line of the tag event stream, as pushed after {@code start} or returned after
 * {@code ack~getdata~n}. The three kinds share one layout: format, sequence, location, tag, time,
 * lap count, reader id, gator.
 */
public sealed interface TagEvent extends Ctp01Message permits TagObservation, GunTime, NewLocation {

    /** The format indicator the line was written in. */
    TagEventFormat format();

    /** The location's sequence number, 1 to 999999; the position to resume from. */
    int sequence();

    String location();

    Instant time();

    /** The time field exactly as received, for audit. */
    String rawTime();
}
