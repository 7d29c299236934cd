package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/** {@code connected}: sent when ChronoFly connects; confirmed with {@code bumb-<id>}. */
public record ConnectedPdu(Envelope envelope, EventId id, Optional<String> version) implements ChronoCloudPdu {

    public static final String EVENT = "connected";

    public ConnectedPdu {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String event() {
        return EVENT;
    }
}
