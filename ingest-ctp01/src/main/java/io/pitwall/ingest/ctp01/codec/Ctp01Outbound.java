package io.pitwall.ingest.ctp01.codec;

/** Everything the server writes to a ChronoTrack client; {@link Ctp01LineWriter} spells it out. */
public sealed interface Ctp01Outbound permits ServerGreeting, Ctp01Command, AuthorizeReply {
}
