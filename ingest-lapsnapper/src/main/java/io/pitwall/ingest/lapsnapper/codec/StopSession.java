package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6400 "Stop Session" (remote control). The PIN code is never printed by {@link #toString()}. */
public record StopSession(MessageHeader header, String pinCode) implements LapSnapperMessage {

    public StopSession {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
    }

    @Override
    public MessageId id() {
        return MessageId.STOP_SESSION;
    }

    @Override
    public String toString() {
        return "StopSession[header=" + header + ", pinCode=" + Redaction.PIN + "]";
    }
}
