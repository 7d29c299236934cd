package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code malfunction}: repeated every 30 seconds while ChronoFly has a problem. It has no id and the
 * document defines no confirmation for it, so none is sent.
 */
public record MalfunctionPdu(Envelope envelope, Optional<String> message, Optional<String> message2,
        Optional<String> type) implements ChronoCloudPdu {

    public static final String EVENT = "malfunction";

    public MalfunctionPdu {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(message2, "message2");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String event() {
        return EVENT;
    }
}
