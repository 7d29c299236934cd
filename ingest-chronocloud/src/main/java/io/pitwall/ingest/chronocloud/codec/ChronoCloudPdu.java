package io.pitwall.ingest.chronocloud.codec;

/** A decoded ChronoCloud 2 PDU: the common envelope plus the event's own {@code data} members. */
public sealed interface ChronoCloudPdu extends ChronoCloudInbound
        permits PassingPdu, ConnectedPdu, KeepalivePdu, MalfunctionPdu {

    Envelope envelope();

    /** {@code data.event} as the document names it. */
    String event();

    default String station() {
        return envelope().station();
    }

    default String competition() {
        return envelope().competition();
    }
}
