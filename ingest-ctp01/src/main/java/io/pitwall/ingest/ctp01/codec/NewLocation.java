package io.pitwall.ingest.ctp01.codec;

import java.time.Instant;

/**
 * A new-location event: the location field names a location that just became available (or was
 * available before this connection). Its time is when the client's link to that location came up.
 * New locations never start by themselves; the server decides whether to {@code start} them.
 */
public record NewLocation(TagEventFormat format, int sequence, String location, Instant time, String rawTime,
                          String controllerId) implements TagEvent {

    /** The literal in the tag field. */
    public static final String TAG_LITERAL = "newlocation";
}
