package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code keepalive}: sent every 30 seconds; confirmed with {@code pong}, which carries no id, so the
 * id is optional here and only informative (it restarts at 0 with every TCP connection).
 */
public record KeepalivePdu(Envelope envelope, Optional<EventId> id) implements ChronoCloudPdu {

    public static final String EVENT = "keepalive";

    public KeepalivePdu {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String event() {
        return EVENT;
    }
}
