package io.pitwall.ingest.ctp01.codec;

import java.time.Instant;

/**
 * A gun-time event: a tag event line whose tag field is {@code guntime} and whose reader field is
 * the controller id. Its lap count and gator are documented as always 0 and not kept.
 */
public record GunTime(TagEventFormat format, int sequence, String location, Instant time, String rawTime,
                      String controllerId) implements TagEvent {

    /** The literal in the tag field. */
    public static final String TAG_LITERAL = "guntime";
}
