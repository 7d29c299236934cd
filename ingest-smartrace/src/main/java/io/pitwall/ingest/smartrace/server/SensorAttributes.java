package io.pitwall.ingest.smartrace.server;

import io.netty.util.AttributeKey;

/** What the upgrade gate learned about a connection, for the handler behind it. */
final class SensorAttributes {

    static final AttributeKey<String> VENUE = AttributeKey.valueOf("pitwall.smartrace.venue");
    /** The request path, without query string (which may hold the token). */
    static final AttributeKey<String> PATH = AttributeKey.valueOf("pitwall.smartrace.path");

    private SensorAttributes() {
    }
}
