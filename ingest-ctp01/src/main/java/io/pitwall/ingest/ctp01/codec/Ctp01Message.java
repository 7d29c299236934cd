package io.pitwall.ingest.ctp01.codec;

/** A well-formed line received from a ChronoTrack client. */
public sealed interface Ctp01Message extends Ctp01Inbound
        permits ClientGreeting, AuthorizeRequest, Ctp01Reply, TagEvent {
}
