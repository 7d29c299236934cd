package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6402 "Start Session" (remote control). The PIN code is never printed by {@link #toString()}. */
public record StartSession(MessageHeader header, String pinCode, SessionParameters sessionParameters,
                           TrackSettings trackSettings) implements LapSnapperMessage {

    public StartSession {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
        Objects.requireNonNull(sessionParameters, "sessionParameters");
        Objects.requireNonNull(trackSettings, "trackSettings");
    }

    @Override
    public MessageId id() {
        return MessageId.START_SESSION;
    }

    @Override
    public String toString() {
        return "StartSession[header=" + header + ", pinCode=" + Redaction.PIN + ", sessionParameters="
                + sessionParameters + ", trackSettings=" + trackSettings + "]";
    }
}
